package dev.drawbridge.policy.risk;

import dev.drawbridge.policy.facts.LockLevel;
import dev.drawbridge.policy.facts.QualifiedName;
import java.util.Map;
import java.util.Optional;

/**
 * What the statement as written does: the strongest lock per table it touches, and whether any part
 * rewrites a table or scans it. One hazardous subcommand taints the whole statement.
 */
public record Effect(Map<QualifiedName, LockLevel> locks, boolean rewrite, boolean scan) {
  public Effect {
    locks = Map.copyOf(locks);
  }

  public Optional<LockLevel> strongestLock() {
    return locks.values().stream().reduce(LockLevel::max);
  }
}

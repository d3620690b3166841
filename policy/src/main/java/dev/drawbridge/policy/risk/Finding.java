package dev.drawbridge.policy.risk;

import dev.drawbridge.policy.facts.LockLevel;
import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule hit: the lock the offending part takes (as PostgreSQL names it), the tables it locks,
 * whether it rewrites the table or scans it, and a message naming the concrete cause.
 */
public record Finding(
    RuleId rule,
    Optional<LockLevel> lock,
    List<QualifiedName> tables,
    boolean rewrite,
    boolean scan,
    String message) {

  public Finding {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(lock);
    tables = List.copyOf(tables);
    Objects.requireNonNull(message);
  }

  /** The stable rule id. */
  public String ruleId() {
    return rule.id();
  }

  public boolean advisory() {
    return rule.advisory();
  }
}

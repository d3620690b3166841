package dev.drawbridge.policy.facts;

import java.util.Objects;

/**
 * A table about to be attached as a partition: whether it has a validated CHECK constraint that
 * implies the partition bound (then ATTACH PARTITION skips its scan).
 */
public record PartitionFacts(QualifiedName table, boolean boundCheckValidated) {
  public PartitionFacts {
    Objects.requireNonNull(table);
  }
}

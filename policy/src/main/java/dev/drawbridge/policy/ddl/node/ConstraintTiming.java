package dev.drawbridge.policy.ddl.node;

import org.apache.calcite.sql.SqlWriter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code [NOT] DEFERRABLE} and {@code INITIALLY DEFERRED|IMMEDIATE} of a constraint; each is null
 * when not written.
 */
public record ConstraintTiming(@Nullable Boolean deferrable, @Nullable Boolean initiallyDeferred) {
  public static final ConstraintTiming NONE = new ConstraintTiming(null, null);

  public boolean isEmpty() {
    return deferrable == null && initiallyDeferred == null;
  }

  void unparse(SqlWriter writer) {
    if (deferrable != null) {
      writer.keyword(deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
    }
    if (initiallyDeferred != null) {
      writer.keyword(initiallyDeferred ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE");
    }
  }
}

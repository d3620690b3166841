package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.risk.model.Expr;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.util.Objects;
import java.util.Optional;

/**
 * A batched backfill: {@code UPDATE table SET column = value WHERE <key range> AND column IS NULL},
 * one autocommit transaction per batch. {@code key} is a single-column primary key; when absent the
 * executor pages by {@code ctid} ranges.
 */
public record BackfillSpec(
    QualifiedName table, Optional<String> key, String column, Expr value, int batchSize) {

  public static final int DEFAULT_BATCH_SIZE = 5000;

  public BackfillSpec {
    Objects.requireNonNull(table);
    Objects.requireNonNull(key);
    Objects.requireNonNull(column);
    Objects.requireNonNull(value);
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive");
    }
  }

  /** The predicate that selects rows still to fill. */
  public Expr predicate() {
    return new Expr.IsNull(Expr.ColumnRef.of(column), false);
  }

  /** The per-batch statement, with {@code $1} and {@code $2} as the range bounds. */
  public String batchSql() {
    String range =
        key.map(k -> SqlRenderer.ident(k) + " > $1 AND " + SqlRenderer.ident(k) + " <= $2")
            .orElse("ctid >= $1::tid AND ctid < $2::tid");
    return "UPDATE "
        + SqlRenderer.name(table)
        + " SET "
        + SqlRenderer.ident(column)
        + " = "
        + SqlRenderer.expr(value)
        + " WHERE "
        + range
        + " AND "
        + SqlRenderer.expr(predicate());
  }
}

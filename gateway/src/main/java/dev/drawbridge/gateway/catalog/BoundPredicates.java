package dev.drawbridge.gateway.catalog;

import dev.drawbridge.policy.risk.model.AlterAction.PartitionBound;
import dev.drawbridge.policy.risk.model.Expr;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partition constraint PostgreSQL derives from a bound on a one-column key, as SQL over that
 * column: {@code FROM (a) TO (b)} is {@code k IS NOT NULL AND k >= a AND k < b}; {@code IN (v, …)}
 * is {@code k IS NOT NULL AND k IN (v, …)} ({@code k IS NULL OR k IN (…)} when NULL is listed).
 * Only constants (literals, casts of literals, negative numbers) are rendered; MINVALUE/MAXVALUE,
 * expressions, several key columns, HASH and DEFAULT bounds give nothing (the caller then knows no
 * validated bound check, the conservative answer).
 */
final class BoundPredicates {
  private BoundPredicates() {}

  static Optional<String> of(String keyColumn, PartitionBound bound) {
    String k = SqlRenderer.ident(keyColumn);
    return switch (bound) {
      case PartitionBound.Range r when r.from().size() == 1 && r.to().size() == 1 -> {
        Optional<String> from = constant(r.from().getFirst());
        Optional<String> to = constant(r.to().getFirst());
        if (from.isEmpty() || to.isEmpty()) {
          yield Optional.empty();
        }
        yield Optional.of(
            k + " IS NOT NULL AND " + k + " >= " + from.get() + " AND " + k + " < " + to.get());
      }
      case PartitionBound.In in -> {
        boolean nullListed = false;
        List<String> values = new ArrayList<>();
        for (Expr v : in.values()) {
          if (v instanceof Expr.Literal l && l.kind() == Expr.Literal.Kind.NULL) {
            nullListed = true;
            continue;
          }
          Optional<String> c = constant(v);
          if (c.isEmpty()) {
            yield Optional.empty();
          }
          values.add(c.get());
        }
        String list = k + " IN (" + String.join(", ", values) + ")";
        if (values.isEmpty()) {
          yield Optional.of(k + " IS NULL");
        }
        yield Optional.of(nullListed ? k + " IS NULL OR " + list : k + " IS NOT NULL AND " + list);
      }
      default -> Optional.empty();
    };
  }

  private static Optional<String> constant(Expr e) {
    boolean constant =
        switch (e) {
          case Expr.Literal l ->
              l.kind() == Expr.Literal.Kind.STRING || l.kind() == Expr.Literal.Kind.NUMBER;
          case Expr.Cast c ->
              c.operand() instanceof Expr.Literal l
                  && (l.kind() == Expr.Literal.Kind.STRING || l.kind() == Expr.Literal.Kind.NUMBER);
          default -> false;
        };
    return constant ? Optional.of(SqlRenderer.expr(e)) : Optional.empty();
  }
}

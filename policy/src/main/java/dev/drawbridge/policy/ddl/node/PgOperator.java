package dev.drawbridge.policy.ddl.node;

import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;

/**
 * PostgreSQL's built-in operators that Calcite has no operator for: the jsonb operators ({@code ->
 * ->> #> #>> #- @> <@ @? @@ ? ?| ?&}). Kind {@link SqlKind#OTHER}. PostgreSQL gives them the
 * precedence of "any other operator": below addition and subtraction, above comparison, LIKE, IN
 * and BETWEEN, left-associative. The risk model treats them as the built-in (immutable) operators;
 * an operator a user defines under the same name on another type is not told apart.
 */
public final class PgOperator extends SqlBinaryOperator {

  /** Between Calcite's comparison/LIKE levels (30, 32) and PLUS/MINUS (40). */
  static final int PRECEDENCE = 36;

  /** The operator names, as PostgreSQL spells them. */
  public static final Set<String> NAMES =
      Set.of("->", "->>", "#>", "#>>", "#-", "@>", "<@", "@?", "@@", "?", "?|", "?&");

  private static final Map<String, PgOperator> BY_NAME = byName();

  private PgOperator(String name) {
    super(name, SqlKind.OTHER, PRECEDENCE, true, null, null, null);
  }

  private static Map<String, PgOperator> byName() {
    var m = new java.util.HashMap<String, PgOperator>();
    for (String n : NAMES) {
      m.put(n, new PgOperator(n));
    }
    return Map.copyOf(m);
  }

  /** The operator spelled {@code name}; one of {@link #NAMES}. */
  public static PgOperator of(String name) {
    PgOperator op = BY_NAME.get(name);
    if (op == null) {
      throw new IllegalArgumentException("not a PostgreSQL operator we know: " + name);
    }
    return op;
  }
}

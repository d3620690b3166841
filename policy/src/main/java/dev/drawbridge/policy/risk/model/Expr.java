package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Objects;

/** Expression trees as far as the rules need them: defaults, CHECKs, USING, index keys. */
public sealed interface Expr {

  /** A constant. {@code text} is the literal's value (for strings: unescaped content). */
  record Literal(Kind kind, String text) implements Expr {
    /** Literal kinds. */
    public enum Kind {
      STRING,
      NUMBER,
      BOOLEAN,
      NULL
    }

    public Literal {
      Objects.requireNonNull(kind);
      Objects.requireNonNull(text);
    }

    public static Literal string(String s) {
      return new Literal(Kind.STRING, s);
    }

    public static Literal number(String n) {
      return new Literal(Kind.NUMBER, n);
    }
  }

  /** A column reference, possibly qualified ({@code t.c}). */
  record ColumnRef(List<String> parts) implements Expr {
    public ColumnRef {
      parts = List.copyOf(parts);
    }

    public static ColumnRef of(String column) {
      return new ColumnRef(List.of(column));
    }
  }

  /** A function call {@code f(args)}. */
  record FunctionCall(QualifiedName name, List<Expr> args) implements Expr {
    public FunctionCall {
      args = List.copyOf(args);
    }
  }

  /**
   * A keyword value function without parentheses: CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME,
   * LOCALTIME, LOCALTIMESTAMP, CURRENT_USER, SESSION_USER, USER, CURRENT_ROLE, CURRENT_SCHEMA,
   * CURRENT_CATALOG. {@code keyword} is upper case.
   */
  record ValueFunction(String keyword) implements Expr {
    /** The keywords, lower case, that PostgreSQL reads as these functions when unquoted. */
    public static final java.util.Set<String> KEYWORDS =
        java.util.Set.of(
            "current_timestamp",
            "current_date",
            "current_time",
            "localtime",
            "localtimestamp",
            "current_user",
            "session_user",
            "user",
            "current_role",
            "current_schema",
            "current_catalog");
  }

  /** {@code expr::type} and {@code CAST(expr AS type)}. */
  record Cast(Expr operand, TypeName type) implements Expr {}

  /**
   * Binary operator, e.g. {@code a > 0}, {@code a AND b}, {@code a || b}, {@code data ->> 'k'}.
   * Operator upper case.
   */
  record Binary(String operator, Expr left, Expr right) implements Expr {}

  /**
   * Array comparison {@code operand op ANY|ALL (array)}; {@code comparison} is {@code =}, {@code
   * <>}, {@code <}, ...; {@code all} false for ANY (SOME).
   */
  record ArrayComparison(String comparison, boolean all, Expr operand, Expr array)
      implements Expr {}

  /** Prefix operator: {@code NOT x}, {@code -x}. */
  record Unary(String operator, Expr operand) implements Expr {}

  /** {@code x IS [NOT] NULL}. */
  record IsNull(Expr operand, boolean negated) implements Expr {}

  /** {@code x [NOT] IN (a, b)}. */
  record InList(Expr operand, List<Expr> items, boolean negated) implements Expr {
    public InList {
      items = List.copyOf(items);
    }
  }

  /** {@code ARRAY[a, b]}. */
  record ArrayCtor(List<Expr> items) implements Expr {
    public ArrayCtor {
      items = List.copyOf(items);
    }
  }

  /** {@code x [NOT] BETWEEN a AND b}. */
  record Between(Expr operand, Expr low, Expr high, boolean negated) implements Expr {}

  /** {@code CASE WHEN c THEN r … [ELSE e] END} (a simple CASE is read as searched). */
  record Case(List<When> whens, Expr otherwise) implements Expr {
    public Case {
      whens = List.copyOf(whens);
      Objects.requireNonNull(otherwise);
    }
  }

  /** One {@code WHEN condition THEN result} of a {@link Case}. */
  record When(Expr condition, Expr result) {}

  /**
   * {@code x [NOT] {LIKE | ILIKE} pattern [ESCAPE e]}; {@code operator} is {@code LIKE} or {@code
   * ILIKE}.
   */
  record Like(
      Expr operand, String operator, Expr pattern, java.util.Optional<Expr> escape, boolean negated)
      implements Expr {}
}

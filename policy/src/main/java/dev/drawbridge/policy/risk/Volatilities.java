package dev.drawbridge.policy.risk;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.facts.Volatility;
import dev.drawbridge.policy.risk.model.Expr;
import dev.drawbridge.policy.risk.model.TypeName;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the volatility of an expression from its tree (never from its text: {@code
 * $q$random()$q$} is a string). Catalog facts win; built-in functions not in the facts use
 * PostgreSQL's documented categories; any other function or cast is treated as volatile.
 */
public final class Volatilities {

  private static final Map<String, Volatility> BUILTIN =
      Map.ofEntries(
          Map.entry("random", Volatility.VOLATILE),
          Map.entry("random_normal", Volatility.VOLATILE),
          Map.entry("clock_timestamp", Volatility.VOLATILE),
          Map.entry("timeofday", Volatility.VOLATILE),
          Map.entry("gen_random_uuid", Volatility.VOLATILE),
          Map.entry("uuidv4", Volatility.VOLATILE),
          Map.entry("uuidv7", Volatility.VOLATILE),
          Map.entry("uuid_generate_v1", Volatility.VOLATILE),
          Map.entry("uuid_generate_v1mc", Volatility.VOLATILE),
          Map.entry("uuid_generate_v4", Volatility.VOLATILE),
          Map.entry("nextval", Volatility.VOLATILE),
          Map.entry("setval", Volatility.VOLATILE),
          Map.entry("currval", Volatility.VOLATILE),
          Map.entry("lastval", Volatility.VOLATILE),
          Map.entry("now", Volatility.STABLE),
          Map.entry("transaction_timestamp", Volatility.STABLE),
          Map.entry("statement_timestamp", Volatility.STABLE),
          Map.entry("txid_current", Volatility.STABLE),
          Map.entry("current_setting", Volatility.STABLE),
          Map.entry("current_database", Volatility.STABLE),
          Map.entry("to_char", Volatility.STABLE),
          Map.entry("lower", Volatility.IMMUTABLE),
          Map.entry("upper", Volatility.IMMUTABLE),
          Map.entry("length", Volatility.IMMUTABLE),
          Map.entry("char_length", Volatility.IMMUTABLE),
          Map.entry("abs", Volatility.IMMUTABLE),
          Map.entry("md5", Volatility.IMMUTABLE),
          Map.entry("round", Volatility.IMMUTABLE),
          Map.entry("floor", Volatility.IMMUTABLE),
          Map.entry("ceil", Volatility.IMMUTABLE),
          Map.entry("trunc", Volatility.IMMUTABLE),
          Map.entry("substr", Volatility.IMMUTABLE),
          Map.entry("replace", Volatility.IMMUTABLE),
          Map.entry("btrim", Volatility.IMMUTABLE),
          Map.entry("coalesce", Volatility.IMMUTABLE),
          Map.entry("nullif", Volatility.IMMUTABLE),
          Map.entry("greatest", Volatility.IMMUTABLE),
          Map.entry("least", Volatility.IMMUTABLE),
          Map.entry("make_date", Volatility.IMMUTABLE),
          Map.entry("make_interval", Volatility.IMMUTABLE));

  private Volatilities() {}

  public static Volatility of(Expr e, CatalogFacts facts) {
    return switch (e) {
      case Expr.Literal l -> Volatility.IMMUTABLE;
      case Expr.ColumnRef c -> Volatility.IMMUTABLE;
      case Expr.ValueFunction v -> Volatility.STABLE;
      case Expr.FunctionCall f ->
          f.args().stream()
              .map(a -> of(a, facts))
              .reduce(function(f.name(), facts), Volatility::max);
      case Expr.Cast c -> of(c.operand(), facts).max(cast(c.type(), facts));
      case Expr.Binary b -> of(b.left(), facts).max(of(b.right(), facts));
      case Expr.ArrayComparison a -> of(a.operand(), facts).max(of(a.array(), facts));
      case Expr.Unary u -> of(u.operand(), facts);
      case Expr.IsNull n -> of(n.operand(), facts);
      case Expr.InList in ->
          in.items().stream()
              .map(x -> of(x, facts))
              .reduce(of(in.operand(), facts), Volatility::max);
      case Expr.ArrayCtor a ->
          a.items().stream().map(x -> of(x, facts)).reduce(Volatility.IMMUTABLE, Volatility::max);
      case Expr.Between b ->
          of(b.operand(), facts).max(of(b.low(), facts)).max(of(b.high(), facts));
      case Expr.Case c ->
          c.whens().stream()
              .map(w -> of(w.condition(), facts).max(of(w.result(), facts)))
              .reduce(of(c.otherwise(), facts), Volatility::max);
      case Expr.Like l ->
          of(l.operand(), facts)
              .max(of(l.pattern(), facts))
              .max(l.escape().map(x -> of(x, facts)).orElse(Volatility.IMMUTABLE));
    };
  }

  /** The function's effective volatility; unknown functions are volatile. */
  public static Volatility function(QualifiedName name, CatalogFacts facts) {
    var known = facts.function(name);
    if (known.isPresent()) {
      return known.get().effectiveVolatility(facts.version());
    }
    boolean catalogSchema = name.schema().isEmpty() || name.schema().get().equals("pg_catalog");
    return catalogSchema
        ? BUILTIN.getOrDefault(name.name(), Volatility.VOLATILE)
        : Volatility.VOLATILE;
  }

  /** Volatility of converting a value into {@code type}; unknown user types count as volatile. */
  public static Volatility cast(TypeName type, CatalogFacts facts) {
    Optional<TypeFacts> tf = typeFacts(type, facts);
    if (tf.isPresent()) {
      return tf.get().castVolatility();
    }
    return type.isBuiltin() ? Volatility.STABLE : Volatility.VOLATILE;
  }

  static Optional<TypeFacts> typeFacts(TypeName type, CatalogFacts facts) {
    Optional<TypeFacts> tf = facts.type(type.name().toString());
    if (tf.isEmpty() && type.name().schema().isPresent()) {
      tf = facts.type(type.name().name());
    }
    return tf;
  }

  /** True when the expression is a literal NULL (possibly cast): DEFAULT NULL is no default. */
  public static boolean isNullLiteral(Expr e) {
    return switch (e) {
      case Expr.Literal l -> l.kind() == Expr.Literal.Kind.NULL;
      case Expr.Cast c -> isNullLiteral(c.operand());
      default -> false;
    };
  }
}

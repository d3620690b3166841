package dev.drawbridge.policy.risk;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.risk.model.Expr;
import dev.drawbridge.policy.risk.model.TypeName;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN … TYPE} rewrites the table (ddl-safety.md B3/B4). Only changes known
 * to be binary-coercible are free; everything else, including every pair this class does not know,
 * rewrites.
 */
public final class TypeChanges {

  /** Outcome of a type change. */
  public record Outcome(boolean rewrite, String reason) {}

  private static final Set<String> UTC_ZONES =
      Set.of(
          "utc",
          "etc/utc",
          "uct",
          "etc/uct",
          "universal",
          "etc/universal",
          "zulu",
          "etc/zulu",
          "gmt",
          "etc/gmt",
          "gmt0",
          "etc/gmt0",
          "etc/gmt+0",
          "etc/gmt-0",
          "greenwich",
          "etc/greenwich");

  private TypeChanges() {}

  public static boolean isUtc(Optional<String> timeZone) {
    return timeZone.map(z -> UTC_ZONES.contains(z.strip().toLowerCase(Locale.ROOT))).orElse(false);
  }

  /**
   * @param from the current type, empty when the catalog facts do not know it
   * @param using the USING expression, if any
   */
  public static Outcome classify(
      Optional<TypeName> from,
      TypeName to,
      Optional<Expr> using,
      String column,
      CatalogFacts facts,
      Optional<String> timeZone) {
    if (using.isPresent() && !isRelabel(using.get(), column, to)) {
      return new Outcome(true, "the USING expression computes new values for every row");
    }
    if (from.isEmpty()) {
      return new Outcome(true, "the column's current type is not in the catalog facts");
    }
    TypeName f = from.get();
    if (f.arrayDims() != to.arrayDims()) {
      return new Outcome(true, "the array dimensions change");
    }
    if (!to.isBuiltin()) {
      Optional<TypeFacts> tf = Volatilities.typeFacts(to, facts);
      if (tf.isPresent()
          && tf.get().kind() == TypeFacts.Kind.DOMAIN
          && !tf.get().hasConstraints()
          && tf.get().baseType().map(b -> sameType(f, b)).orElse(false)) {
        return new Outcome(false, "a domain without constraints over the same base type");
      }
      return new Outcome(true, "converting to " + to.name() + " rewrites every row");
    }
    String a = f.baseName();
    String b = to.baseName();
    if (a.equals(b)) {
      return sameBase(f, to);
    }
    if ((a.equals("varchar") && b.equals("text"))
        || (a.equals("text") && b.equals("varchar") && to.modifiers().isEmpty())
        || (a.equals("varchar") && b.equals("varchar"))) {
      return new Outcome(false, a + " to " + b + " is binary-coercible");
    }
    if (a.equals("cidr") && b.equals("inet")) {
      return new Outcome(false, "cidr to inet is binary-coercible");
    }
    if (a.equals("timestamp") && b.equals("timestamptz")) {
      if (!facts.versionAtLeast(12)) {
        return new Outcome(
            true, "timestamp to timestamptz rewrites before PostgreSQL 12 (or version unknown)");
      }
      if (!isUtc(timeZone)) {
        return new Outcome(
            true,
            "timestamp to timestamptz is free only when the session TimeZone is UTC (it is "
                + timeZone.orElse("unknown")
                + ")");
      }
      if (!f.modifiers().isEmpty()
          && !to.modifiers().isEmpty()
          && to.modifiers().get(0) < f.modifiers().get(0)) {
        return new Outcome(true, "the timestamp precision decreases");
      }
      return new Outcome(false, "timestamp to timestamptz under TimeZone UTC on PostgreSQL 12+");
    }
    return new Outcome(true, a + " to " + b + " is not binary-coercible");
  }

  private static boolean sameType(TypeName f, String baseTypeText) {
    try {
      return dev.drawbridge.policy.risk.model.StopgapDdlParser.parseType(baseTypeText).equals(f);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Outcome sameBase(TypeName f, TypeName to) {
    String b = f.baseName();
    if (f.modifiers().equals(to.modifiers())) {
      return new Outcome(false, "the type does not change");
    }
    switch (b) {
      case "varchar", "varbit" -> {
        if (to.modifiers().isEmpty()) {
          return new Outcome(false, "removing the length limit is binary-coercible");
        }
        if (f.modifiers().isEmpty() || to.modifiers().get(0) < f.modifiers().get(0)) {
          return new Outcome(true, "shortening " + b + " checks and rewrites every row");
        }
        return new Outcome(false, "lengthening " + b + " is binary-coercible");
      }
      case "numeric" -> {
        if (to.modifiers().isEmpty()) {
          return new Outcome(false, "unconstrained numeric accepts every value");
        }
        if (f.modifiers().isEmpty()) {
          return new Outcome(true, "constraining numeric checks and rewrites every row");
        }
        int fs = f.modifier(1).orElse(0);
        int ts = to.modifier(1).orElse(0);
        if (fs != ts) {
          return new Outcome(true, "changing the numeric scale rewrites every row");
        }
        if (to.modifiers().get(0) < f.modifiers().get(0)) {
          return new Outcome(true, "reducing the numeric precision checks and rewrites every row");
        }
        return new Outcome(false, "raising the numeric precision is binary-coercible");
      }
      case "timestamp", "timestamptz", "time", "timetz", "interval" -> {
        int fp = f.modifier(0).orElse(6);
        int tp = to.modifier(0).orElse(6);
        if (tp < fp) {
          return new Outcome(true, "reducing the " + b + " precision rewrites every row");
        }
        return new Outcome(false, "raising the " + b + " precision is binary-coercible");
      }
      default -> {
        return new Outcome(true, "changing the " + b + " type modifier rewrites every row");
      }
    }
  }

  /** {@code USING col} or {@code USING col::newtype}: a relabel, not a computation. */
  private static boolean isRelabel(Expr using, String column, TypeName to) {
    if (using instanceof Expr.ColumnRef c) {
      return c.parts().getLast().equals(column);
    }
    if (using instanceof Expr.Cast cast && cast.type().equals(to)) {
      return isRelabel(cast.operand(), column, to);
    }
    return false;
  }
}

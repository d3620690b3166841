package dev.drawbridge.policy.ddl.node;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A PostgreSQL type as written: a name (either an SQL keyword spelling such as {@code DOUBLE
 * PRECISION} or {@code TIMESTAMP}, or a possibly schema-qualified identifier such as {@code jsonb}
 * or {@code app."Money"}), integer type modifiers ({@code varchar(255)}, {@code numeric(10,2)}),
 * time zone flag for {@code time}/{@code timestamp}, and array dimensions. {@link #canonicalName()}
 * maps the aliases PostgreSQL resolves to the same type onto one name, so the analyzer can compare
 * types.
 */
public final class PgTypeNameSpec extends SqlTypeNameSpec {

  /** {@code WITH TIME ZONE} / {@code WITHOUT TIME ZONE} on time and timestamp types. */
  public enum TimeZone {
    UNSPECIFIED,
    WITH,
    WITHOUT
  }

  private final @Nullable String keywordName;
  private final @Nullable SqlIdentifier identifier;
  private final List<Integer> modifiers;
  private final TimeZone timeZone;
  private final List<Integer> arrayBounds;

  /**
   * @param keywordName upper-case SQL spelling for keyword types ({@code "DOUBLE PRECISION"},
   *     {@code "CHARACTER VARYING"}, {@code "INT"}), or null
   * @param identifier the name of any other type, or null
   * @param arrayBounds one entry per array dimension; -1 where no bound was written
   */
  public PgTypeNameSpec(
      @Nullable String keywordName,
      @Nullable SqlIdentifier identifier,
      List<Integer> modifiers,
      TimeZone timeZone,
      List<Integer> arrayBounds,
      SqlParserPos pos) {
    super(
        identifier != null
            ? identifier
            : new SqlIdentifier(Objects.requireNonNull(keywordName), pos),
        pos);
    this.keywordName = keywordName;
    this.identifier = identifier;
    this.modifiers = List.copyOf(modifiers);
    this.timeZone = timeZone;
    this.arrayBounds = List.copyOf(arrayBounds);
  }

  /** Types whose modifiers PostgreSQL accepts whatever the catalog holds. */
  private static final java.util.Set<String> TYPMOD_TYPES =
      java.util.Set.of(
          "varchar",
          "bpchar",
          "numeric",
          "float4",
          "float8",
          "time",
          "timetz",
          "timestamp",
          "timestamptz",
          "interval",
          "bit",
          "varbit");

  /**
   * Builds a type, refusing modifiers on types we cannot tell accept them (PostgreSQL reports "type
   * modifier is not allowed" as a syntax error, decided by the catalog).
   */
  public static PgTypeNameSpec checked(
      @Nullable String keywordName,
      @Nullable SqlIdentifier identifier,
      List<Integer> modifiers,
      boolean firstModifierSigned,
      TimeZone timeZone,
      List<Integer> arrayBounds,
      SqlParserPos pos) {
    if (keywordName != null && !modifiers.isEmpty()) {
      // PostgreSQL's grammar: only NUMERIC/DECIMAL/DEC take an expression list; the character,
      // bit, float and datetime keyword types take one unsigned integer; the rest take none.
      boolean list = Set.of("NUMERIC", "DECIMAL", "DEC").contains(keywordName);
      boolean one =
          Set.of(
                  "CHARACTER",
                  "CHARACTER VARYING",
                  "CHAR",
                  "CHAR VARYING",
                  "VARCHAR",
                  "BIT",
                  "BIT VARYING",
                  "FLOAT",
                  "TIMESTAMP",
                  "TIME",
                  "INTERVAL")
              .contains(keywordName);
      boolean signed = firstModifierSigned || modifiers.stream().anyMatch(m -> m < 0);
      if (!list && !(one && modifiers.size() == 1 && !signed)) {
        throw new PgSyntaxException("type modifiers not allowed here for " + keywordName, pos);
      }
    }
    PgTypeNameSpec spec =
        new PgTypeNameSpec(keywordName, identifier, modifiers, timeZone, arrayBounds, pos);
    if (!modifiers.isEmpty() && !TYPMOD_TYPES.contains(spec.canonicalName())) {
      throw new PgSyntaxException(
          "type modifiers are only understood for built-in types that take them", pos);
    }
    if ("float".equals(spec.keywordName == null ? null : spec.keywordName.toLowerCase(Locale.ROOT))
        && modifiers.size() > 1) {
      throw new PgSyntaxException("float takes one modifier", pos);
    }
    return spec;
  }

  /** The SQL keyword spelling (upper case) if the type was written with keywords. */
  public @Nullable String keywordName() {
    return keywordName;
  }

  /** The type's identifier if it was not written with SQL keywords. */
  public @Nullable SqlIdentifier identifier() {
    return identifier;
  }

  /** Integer type modifiers, e.g. {@code [10, 2]} for {@code numeric(10,2)}. */
  public List<Integer> modifiers() {
    return modifiers;
  }

  public TimeZone timeZone() {
    return timeZone;
  }

  /** Number of array dimensions; 0 for a scalar type. */
  public int arrayDimensions() {
    return arrayBounds.size();
  }

  public List<Integer> arrayBounds() {
    return arrayBounds;
  }

  public boolean isArray() {
    return !arrayBounds.isEmpty();
  }

  /** True for the schema-qualified spelling, e.g. {@code public.email_address}. */
  public boolean isQualified() {
    return identifier != null && identifier.names.size() > 1;
  }

  /** {@code serial}, {@code bigserial}, {@code smallserial} (and their numbered aliases). */
  public boolean isSerial() {
    String c = canonicalName();
    return c.equals("serial") || c.equals("bigserial") || c.equals("smallserial");
  }

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("int", "int4"),
          Map.entry("integer", "int4"),
          Map.entry("int4", "int4"),
          Map.entry("bigint", "int8"),
          Map.entry("int8", "int8"),
          Map.entry("smallint", "int2"),
          Map.entry("int2", "int2"),
          Map.entry("serial", "serial"),
          Map.entry("serial4", "serial"),
          Map.entry("bigserial", "bigserial"),
          Map.entry("serial8", "bigserial"),
          Map.entry("smallserial", "smallserial"),
          Map.entry("serial2", "smallserial"),
          Map.entry("real", "float4"),
          Map.entry("float4", "float4"),
          Map.entry("double precision", "float8"),
          Map.entry("float8", "float8"),
          Map.entry("decimal", "numeric"),
          Map.entry("dec", "numeric"),
          Map.entry("numeric", "numeric"),
          Map.entry("boolean", "bool"),
          Map.entry("bool", "bool"),
          Map.entry("character varying", "varchar"),
          Map.entry("char varying", "varchar"),
          Map.entry("varchar", "varchar"),
          Map.entry("character", "bpchar"),
          Map.entry("char", "bpchar"),
          Map.entry("bpchar", "bpchar"),
          Map.entry("timestamptz", "timestamptz"),
          Map.entry("timetz", "timetz"),
          Map.entry("bit varying", "varbit"),
          Map.entry("varbit", "varbit"));

  /**
   * The name PostgreSQL resolves this type to, without modifiers or array suffix: {@code int4},
   * {@code int8}, {@code float8}, {@code numeric}, {@code varchar}, {@code bpchar}, {@code
   * timestamptz}, ... For types outside {@code pg_catalog} the (possibly qualified) name as
   * PostgreSQL sees it, e.g. {@code app.Money}. {@code pg_catalog.int4} is {@code int4}.
   */
  public String canonicalName() {
    String base;
    if (keywordName != null) {
      base = keywordName.toLowerCase(Locale.ROOT);
    } else {
      SqlIdentifier id = Objects.requireNonNull(identifier);
      if (id.names.size() == 2 && id.names.get(0).equals("pg_catalog")) {
        base = id.names.get(1);
      } else if (id.names.size() > 1) {
        return String.join(".", id.names);
      } else {
        base = id.names.get(0);
      }
    }
    if (base.equals("float")) {
      return !modifiers.isEmpty() && modifiers.get(0) <= 24 ? "float4" : "float8";
    }
    if (base.equals("timestamp")) {
      return timeZone == TimeZone.WITH ? "timestamptz" : "timestamp";
    }
    if (base.equals("time")) {
      return timeZone == TimeZone.WITH ? "timetz" : "time";
    }
    return ALIASES.getOrDefault(base, base);
  }

  @Override
  public RelDataType deriveType(SqlValidator validator) {
    throw new UnsupportedOperationException("PostgreSQL types are not validated by Calcite");
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    boolean tz =
        keywordName != null && (keywordName.equals("TIMESTAMP") || keywordName.equals("TIME"));
    if (keywordName != null) {
      writer.keyword(keywordName);
    } else {
      Objects.requireNonNull(identifier).unparse(writer, 0, 0);
    }
    if (!modifiers.isEmpty()) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (Integer m : modifiers) {
        writer.sep(",");
        writer.print(m);
      }
      writer.endList(frame);
    }
    if (tz && timeZone == TimeZone.WITH) {
      writer.keyword("WITH TIME ZONE");
    } else if (tz && timeZone == TimeZone.WITHOUT) {
      writer.keyword("WITHOUT TIME ZONE");
    }
    for (Integer bound : arrayBounds) {
      writer.setNeedWhitespace(false);
      writer.print(bound < 0 ? "[]" : "[" + bound + "]");
      writer.setNeedWhitespace(true);
    }
  }

  @Override
  public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
    if (!(spec instanceof PgTypeNameSpec that)) {
      return litmus.fail("{} != {}", this, spec);
    }
    boolean same =
        Objects.equals(keywordName, that.keywordName)
            && (identifier == null
                ? that.identifier == null
                : that.identifier != null && identifier.equalsDeep(that.identifier, Litmus.IGNORE))
            && modifiers.equals(that.modifiers)
            && timeZone == that.timeZone
            && arrayBounds.equals(that.arrayBounds);
    return same ? litmus.succeed() : litmus.fail("{} != {}", this, spec);
  }

  @Override
  public String toString() {
    return canonicalName()
        + (modifiers.isEmpty() ? "" : modifiers.toString())
        + "[]".repeat(arrayBounds.size());
  }
}

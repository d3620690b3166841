package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A type reference with its modifiers ({@code varchar(20)}, {@code numeric(10,2)}) and array
 * dimensions. Built-in names are canonicalised ({@code int4}, {@code integer} → {@code integer};
 * {@code character varying} → {@code varchar}; {@code timestamp with time zone} → {@code
 * timestamptz}) so that comparisons and fingerprints do not depend on spelling.
 */
public record TypeName(QualifiedName name, List<Integer> modifiers, int arrayDims) {

  private static final Map<String, String> CANONICAL =
      Map.ofEntries(
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("integer", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("int2", "smallint"),
          Map.entry("float8", "double precision"),
          Map.entry("float4", "real"),
          Map.entry("float", "double precision"),
          Map.entry("bool", "boolean"),
          Map.entry("character varying", "varchar"),
          Map.entry("char", "bpchar"),
          Map.entry("character", "bpchar"),
          Map.entry("decimal", "numeric"),
          Map.entry("timestamp without time zone", "timestamp"),
          Map.entry("timestamp with time zone", "timestamptz"),
          Map.entry("time without time zone", "time"),
          Map.entry("time with time zone", "timetz"),
          Map.entry("serial4", "serial"),
          Map.entry("serial8", "bigserial"),
          Map.entry("serial2", "smallserial"),
          Map.entry("bit varying", "varbit"));

  /** Built-in (pg_catalog) types the rules know; anything else needs {@code TypeFacts}. */
  public static final java.util.Set<String> BUILTIN =
      java.util.Set.of(
          "smallint",
          "integer",
          "bigint",
          "numeric",
          "real",
          "double precision",
          "boolean",
          "text",
          "varchar",
          "bpchar",
          "bytea",
          "date",
          "time",
          "timetz",
          "timestamp",
          "timestamptz",
          "interval",
          "uuid",
          "json",
          "jsonb",
          "inet",
          "cidr",
          "macaddr",
          "money",
          "bit",
          "varbit",
          "xml",
          "tsvector",
          "tsquery",
          "point",
          "oid",
          "int4range",
          "int8range",
          "numrange",
          "tsrange",
          "tstzrange",
          "daterange",
          "citext");

  public TypeName {
    modifiers = List.copyOf(modifiers);
    if (name.schema().isEmpty() || name.schema().get().equals("pg_catalog")) {
      String canon = CANONICAL.getOrDefault(name.name(), name.name());
      name = QualifiedName.of(canon);
    }
  }

  public static TypeName of(String name, Integer... mods) {
    return new TypeName(QualifiedName.of(name), List.of(mods), 0);
  }

  public String baseName() {
    return name.name();
  }

  public boolean isBuiltin() {
    return name.schema().isEmpty() && (BUILTIN.contains(name.name()) || isSerial());
  }

  public boolean isSerial() {
    return name.schema().isEmpty()
        && (name.name().equals("serial")
            || name.name().equals("bigserial")
            || name.name().equals("smallserial"));
  }

  /** serial → integer, bigserial → bigint, smallserial → smallint; others unchanged. */
  public TypeName withoutSerial() {
    return switch (isSerial() ? name.name() : "") {
      case "serial" -> of("integer");
      case "bigserial" -> of("bigint");
      case "smallserial" -> of("smallint");
      default -> this;
    };
  }

  public Optional<Integer> modifier(int i) {
    return i < modifiers.size() ? Optional.of(modifiers.get(i)) : Optional.empty();
  }

  public TypeName withoutModifiers() {
    return new TypeName(name, List.of(), arrayDims);
  }
}

package dev.drawbridge.policy.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the risk rules know about the target database, as an immutable value. Tables are keyed
 * by their qualified name; the key {@code "*"} describes every table that is not listed. An absent
 * server version fails every version gate (the conservative reading).
 */
public record CatalogFacts(
    Optional<PgVersion> version,
    Map<String, String> settings,
    Map<QualifiedName, TableFacts> tables,
    Map<String, FunctionFacts> functions,
    Map<String, TypeFacts> types,
    Map<QualifiedName, PartitionFacts> partitions) {

  /** The key of the entry that describes every unlisted table. */
  public static final QualifiedName DEFAULT_TABLE = QualifiedName.of("*");

  public CatalogFacts {
    settings = Map.copyOf(settings);
    tables = Map.copyOf(tables);
    functions = Map.copyOf(functions);
    types = Map.copyOf(types);
    partitions = Map.copyOf(partitions);
  }

  /** No facts at all: every gate fails, every table is large. */
  public static CatalogFacts unknown() {
    return builder().build();
  }

  public boolean versionAtLeast(int major) {
    return version.map(v -> v.atLeast(major)).orElse(false);
  }

  /** True when the version is known and inside [fromInclusive, toInclusive]. Unknown: true. */
  public boolean versionMayBeBetween(PgVersion from, PgVersion to) {
    return version.map(v -> v.compareTo(from) >= 0 && v.compareTo(to) <= 0).orElse(true);
  }

  public Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Resolves a table name the way PostgreSQL would: a qualified name directly; an unqualified one
   * through {@code searchPath}, then as an unqualified facts entry, then the {@code "*"} entry.
   */
  public TableFacts table(QualifiedName name, List<String> searchPath) {
    return findTable(name, searchPath).orElseGet(this::defaultTable);
  }

  /** The listed entry for a table, if any (without falling back to {@code "*"}). */
  public Optional<TableFacts> findTable(QualifiedName name, List<String> searchPath) {
    if (name.schema().isPresent()) {
      TableFacts t = tables.get(name);
      if (t == null && "public".equals(name.schema().get())) {
        t = tables.get(QualifiedName.of(name.name()));
      }
      return Optional.ofNullable(t);
    }
    for (String schema : searchPath) {
      TableFacts t = tables.get(name.withSchema(schema));
      if (t != null) {
        return Optional.of(t);
      }
    }
    return Optional.ofNullable(tables.get(name));
  }

  public TableFacts defaultTable() {
    return tables.getOrDefault(DEFAULT_TABLE, TableFacts.unknown());
  }

  public Optional<FunctionFacts> function(QualifiedName name) {
    FunctionFacts f = functions.get(name.toString());
    if (f == null && name.schema().isPresent()) {
      f = functions.get(name.name());
    }
    return Optional.ofNullable(f);
  }

  public Optional<TypeFacts> type(String name) {
    return Optional.ofNullable(types.get(name));
  }

  public Optional<PartitionFacts> partition(QualifiedName name) {
    PartitionFacts p = partitions.get(name);
    if (p == null && name.schema().isPresent()) {
      p = partitions.get(QualifiedName.of(name.name()));
    }
    return Optional.ofNullable(p);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for tests and for the gateway's catalog inspector. */
  public static final class Builder {
    private Optional<PgVersion> version = Optional.empty();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<QualifiedName, TableFacts> tables = new LinkedHashMap<>();
    private final Map<String, FunctionFacts> functions = new LinkedHashMap<>();
    private final Map<String, TypeFacts> types = new LinkedHashMap<>();
    private final Map<QualifiedName, PartitionFacts> partitions = new LinkedHashMap<>();

    public Builder version(PgVersion v) {
      version = Optional.of(v);
      return this;
    }

    /** Parses "15.4", "17devel" or a server_version_num; rejects anything else. */
    public Builder version(String text) {
      version =
          Optional.of(
              PgVersion.parse(text)
                  .orElseThrow(() -> new IllegalArgumentException("bad version: " + text)));
      return this;
    }

    public Builder setting(String name, String value) {
      settings.put(name.toLowerCase(Locale.ROOT), value);
      return this;
    }

    public Builder table(String dottedName, TableFacts t) {
      tables.put(QualifiedName.parse(dottedName), t);
      return this;
    }

    public Builder defaultTable(TableFacts t) {
      tables.put(DEFAULT_TABLE, t);
      return this;
    }

    public Builder function(String name, Volatility v) {
      return function(new FunctionFacts(name, v, false));
    }

    public Builder function(FunctionFacts f) {
      functions.put(f.name(), f);
      return this;
    }

    public Builder type(TypeFacts t) {
      types.put(t.name(), t);
      return this;
    }

    public Builder partition(PartitionFacts p) {
      partitions.put(p.table(), p);
      return this;
    }

    public CatalogFacts build() {
      return new CatalogFacts(version, settings, tables, functions, types, partitions);
    }
  }
}

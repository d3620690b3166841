package dev.drawbridge.gateway.catalog;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.FunctionFacts;
import dev.drawbridge.policy.facts.PartitionFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the inspector found, keyed by the names as the statement wrote them; {@link #toFacts()}
 * turns it into the policy's {@link CatalogFacts}. Names that exist in no form are absent, so the
 * policy falls back to its conservative reading for them.
 *
 * @param version the server's version ({@code server_version_num})
 * @param settings settings that change what DDL does (TimeZone), by lower-case name
 * @param searchPath {@code current_schemas(true)}: the schemas unqualified names resolve through
 * @param tables tables by name as written, with the schema-qualified name the server resolved
 * @param functions functions by name as written
 * @param types domains and enums by name as written
 * @param partitions tables to be attached as partitions, by name as written: whether a validated
 *     CHECK implies the bound (see {@link CatalogInspector})
 */
public record InspectedCatalog(
    PgVersion version,
    Map<String, String> settings,
    List<String> searchPath,
    Map<String, ResolvedTable> tables,
    Map<String, FunctionFacts> functions,
    Map<String, TypeFacts> types,
    Map<String, PartitionFacts> partitions) {

  public InspectedCatalog(
      PgVersion version,
      Map<String, String> settings,
      List<String> searchPath,
      Map<String, ResolvedTable> tables,
      Map<String, FunctionFacts> functions,
      Map<String, TypeFacts> types) {
    this(version, settings, searchPath, tables, functions, types, Map.of());
  }

  public InspectedCatalog {
    Objects.requireNonNull(version);
    settings = Map.copyOf(settings);
    searchPath = List.copyOf(searchPath);
    tables = Map.copyOf(tables);
    functions = Map.copyOf(functions);
    types = Map.copyOf(types);
    partitions = Map.copyOf(partitions);
  }

  /** The same catalog with these partition facts added. */
  public InspectedCatalog withPartitions(Map<String, PartitionFacts> more) {
    Map<String, PartitionFacts> p = new LinkedHashMap<>(partitions);
    p.putAll(more);
    return new InspectedCatalog(version, settings, searchPath, tables, functions, types, p);
  }

  /** A table the server resolved a written name to. */
  public record ResolvedTable(QualifiedName resolved, TableFacts facts) {
    public ResolvedTable {
      Objects.requireNonNull(resolved);
      Objects.requireNonNull(facts);
    }
  }

  public Optional<TableFacts> table(String writtenName) {
    return Optional.ofNullable(tables.get(writtenName)).map(ResolvedTable::facts);
  }

  /** The policy's view: each table under the name as written and under its resolved name. */
  public CatalogFacts toFacts() {
    Map<QualifiedName, TableFacts> t = new LinkedHashMap<>();
    tables.forEach(
        (written, r) -> {
          t.put(r.resolved(), r.facts());
          t.put(parse(written), r.facts());
        });
    Map<String, TypeFacts> ty = new LinkedHashMap<>();
    types.forEach((written, f) -> ty.put(written, f));
    Map<QualifiedName, PartitionFacts> p = new LinkedHashMap<>();
    partitions.forEach(
        (written, f) -> {
          p.put(parse(written), f);
          ResolvedTable r = tables.get(written);
          if (r != null) {
            p.put(r.resolved(), new PartitionFacts(r.resolved(), f.boundCheckValidated()));
          }
        });
    return new CatalogFacts(Optional.of(version), settings, t, functions, ty, p);
  }

  static QualifiedName parse(String written) {
    int dot = written.indexOf('.');
    return dot < 0
        ? QualifiedName.of(written)
        : QualifiedName.of(written.substring(0, dot), written.substring(dot + 1));
  }
}

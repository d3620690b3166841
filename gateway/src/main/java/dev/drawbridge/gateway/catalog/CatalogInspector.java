package dev.drawbridge.gateway.catalog;

import dev.drawbridge.gateway.catalog.InspectedCatalog.ResolvedTable;
import dev.drawbridge.policy.facts.CheckFacts;
import dev.drawbridge.policy.facts.ColumnFacts;
import dev.drawbridge.policy.facts.FunctionFacts;
import dev.drawbridge.policy.facts.IndexFacts;
import dev.drawbridge.policy.facts.NotNullCheck;
import dev.drawbridge.policy.facts.PartitionFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.facts.Volatility;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads catalog facts for the objects a statement references, read-only, in one READ ONLY
 * transaction bounded by {@code SET LOCAL statement_timeout}. Unqualified names resolve as the
 * server resolves them ({@code to_regclass}, {@code to_regtype}, {@code current_schemas(true)}),
 * optionally under a session's {@code search_path}. Stateless apart from its configuration; the
 * caller owns the connection.
 */
public final class CatalogInspector {

  private final Duration statementTimeout;
  private final SqlAnalyzer sql = new SqlAnalyzer();

  public CatalogInspector(Duration statementTimeout) {
    if (statementTimeout.isNegative() || statementTimeout.isZero()) {
      throw new IllegalArgumentException("statement timeout must be positive");
    }
    this.statementTimeout = statementTimeout;
  }

  public CatalogInspector() {
    this(Duration.ofSeconds(5));
  }

  /**
   * Inspects the referenced objects.
   *
   * @param searchPath the session's search_path to resolve under; empty: the connection's own
   */
  public InspectedCatalog inspect(
      Connection connection, ObjectReferences refs, Optional<String> searchPath)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    boolean readOnly = connection.isReadOnly();
    try {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try (Statement s = connection.createStatement()) {
        // setReadOnly is a hint for some drivers; say it in SQL too
        s.execute("SET TRANSACTION READ ONLY");
        s.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
        if (searchPath.isPresent()) {
          try (PreparedStatement p =
              connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            p.setString(1, searchPath.get());
            p.execute();
          }
        }
      }
      InspectedCatalog result = read(connection, refs);
      connection.rollback();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
      connection.setReadOnly(readOnly);
    }
  }

  private InspectedCatalog read(Connection c, ObjectReferences refs) throws SQLException {
    PgVersion version;
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> path = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('server_version_num'), current_setting('TimeZone'),"
                    + " current_schemas(true)")) {
      rs.next();
      version =
          PgVersion.parse(rs.getString(1))
              .orElseThrow(() -> new SQLException("unreadable server_version_num"));
      settings.put("timezone", rs.getString(2));
      for (Object o : (Object[]) rs.getArray(3).getArray()) {
        path.add((String) o);
      }
    }
    List<String> names = new ArrayList<>(refs.names());
    Map<String, ResolvedTable> tables = tables(c, names);
    Map<String, TypeFacts> types = types(c, names);
    Map<String, FunctionFacts> functions = functions(c, new ArrayList<>(refs.functions()), path);
    Map<String, PartitionFacts> partitions = boundChecks(c, refs.attachments(), tables);
    return new InspectedCatalog(version, settings, path, tables, functions, types, partitions);
  }

  // ------------------------------------------------------------------ partition bound checks

  /**
   * For each {@code ATTACH PARTITION}: whether the table to attach already has validated CHECK
   * constraints (with its NOT NULL columns) that imply the partition constraint, so that PostgreSQL
   * skips the scan. Heuristic, decided by the server itself: with {@code constraint_exclusion =
   * on}, the planner proves {@code SELECT 1 FROM ONLY partition WHERE NOT (bound)} empty ("One-Time
   * Filter: false") exactly when the validated constraints refute the negated bound, which is the
   * implication ATTACH PARTITION tests (both use PostgreSQL's predicate prover; NOT VALID
   * constraints count for neither). The bound is the one-column RANGE or LIST constraint of {@link
   * BoundPredicates}; other bounds, a missing parent or partition, or any error give {@code false},
   * the conservative answer. Runs inside the read-only transaction, each probe under a savepoint so
   * that a failure or the setting does not outlive it.
   */
  private Map<String, PartitionFacts> boundChecks(
      Connection c,
      List<ObjectReferences.Attachment> attachments,
      Map<String, ResolvedTable> tables)
      throws SQLException {
    Map<String, PartitionFacts> out = new LinkedHashMap<>();
    for (ObjectReferences.Attachment a : attachments) {
      ResolvedTable partition = tables.get(a.partition());
      if (partition == null) {
        continue;
      }
      boolean validated = false;
      ResolvedTable parent = tables.get(a.parent());
      if (parent != null && parent.facts().partitionKey().size() == 1) {
        Optional<String> bound =
            BoundPredicates.of(parent.facts().partitionKey().getFirst(), a.bound());
        if (bound.isPresent()) {
          validated = impliedByConstraints(c, partition.resolved(), bound.get());
        }
      }
      out.put(a.partition(), new PartitionFacts(partition.resolved(), validated));
    }
    return out;
  }

  private static boolean impliedByConstraints(Connection c, QualifiedName table, String predicate)
      throws SQLException {
    String relation = ident(table.schema().orElseThrow()) + "." + ident(table.name());
    try (Statement s = c.createStatement()) {
      s.execute("SAVEPOINT drawbridge_bound_check");
      try {
        s.execute("SET LOCAL constraint_exclusion = on");
        // the bound's literals are rendered with standard quoting ('' for ')
        s.execute("SET LOCAL standard_conforming_strings = on");
        boolean excluded = false;
        try (ResultSet rs =
            s.executeQuery(
                "EXPLAIN (COSTS OFF) SELECT 1 FROM ONLY "
                    + relation
                    + " WHERE NOT ("
                    + predicate
                    + ")")) {
          while (rs.next()) {
            excluded |= rs.getString(1).strip().equals("One-Time Filter: false");
          }
        }
        return excluded;
      } catch (SQLException e) {
        return false;
      } finally {
        s.execute("ROLLBACK TO SAVEPOINT drawbridge_bound_check");
        s.execute("RELEASE SAVEPOINT drawbridge_bound_check");
      }
    }
  }

  // ------------------------------------------------------------------ tables

  private record Rel(
      String written, long oid, QualifiedName name, char kind, double tuples, long size) {}

  private Map<String, ResolvedTable> tables(Connection c, List<String> written)
      throws SQLException {
    Map<String, ResolvedTable> out = new LinkedHashMap<>();
    if (written.isEmpty()) {
      return out;
    }
    List<Rel> rels = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT n.i, c.oid, ns.nspname, c.relname, c.relkind, c.reltuples,"
                + " pg_relation_size(c.oid)"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS n(name, i)"
                + " JOIN pg_class c ON c.oid = to_regclass(n.name)"
                + " JOIN pg_namespace ns ON ns.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'm', 'f')")) {
      p.setArray(1, textArray(c, written.stream().map(CatalogInspector::quoted).toList()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rels.add(
              new Rel(
                  written.get(rs.getInt(1) - 1),
                  rs.getLong(2),
                  QualifiedName.of(rs.getString(3), rs.getString(4)),
                  rs.getString(5).charAt(0),
                  rs.getDouble(6),
                  rs.getLong(7)));
        }
      }
    }
    if (rels.isEmpty()) {
      return out;
    }
    List<String> oids = rels.stream().map(r -> Long.toString(r.oid())).distinct().toList();
    Map<Long, TreeMap<Integer, ColumnFacts>> columns = columns(c, oids);
    Map<Long, List<IndexFacts>> indexes = new HashMap<>();
    Map<Long, List<String>> primaryKeys = new HashMap<>();
    indexes(c, oids, columns, indexes, primaryKeys);
    Map<Long, List<QualifiedName>> partitions = partitions(c, oids);
    Map<Long, List<String>> partitionKeys = partitionKeys(c, oids, columns);
    Map<Long, Map<String, QualifiedName>> foreignKeys = foreignKeys(c, oids);
    for (Rel r : rels) {
      TreeMap<Integer, ColumnFacts> cols = columns.getOrDefault(r.oid(), new TreeMap<>());
      Map<String, ColumnFacts> byName = new LinkedHashMap<>();
      cols.values().forEach(col -> byName.put(col.name(), col));
      Map<String, IndexFacts> idx = new LinkedHashMap<>();
      indexes.getOrDefault(r.oid(), List.of()).forEach(i -> idx.put(i.name(), i));
      boolean partitioned = r.kind() == 'p';
      TableFacts facts =
          new TableFacts(
              rows(r, partitioned),
              OptionalLong.of(r.size()),
              partitioned,
              false,
              byName,
              primaryKeys.getOrDefault(r.oid(), List.of()),
              idx,
              partitions.getOrDefault(r.oid(), List.of()),
              partitionKeys.getOrDefault(r.oid(), List.of()),
              foreignKeys.getOrDefault(r.oid(), Map.of()));
      out.put(r.written(), new ResolvedTable(r.name(), facts));
    }
    return out;
  }

  /**
   * The row estimate. {@code reltuples} is -1 (PostgreSQL 14+) or 0 (before) until the first VACUUM
   * or ANALYZE; an empty heap file proves emptiness, anything else unanalysed is unknown.
   */
  private static OptionalLong rows(Rel r, boolean partitioned) {
    if (partitioned) {
      return OptionalLong.empty();
    }
    if (r.size() == 0) {
      return OptionalLong.of(0);
    }
    if (r.tuples() > 0) {
      return OptionalLong.of(Math.round(r.tuples()));
    }
    return OptionalLong.empty();
  }

  private Map<Long, TreeMap<Integer, ColumnFacts>> columns(Connection c, List<String> oids)
      throws SQLException {
    Map<Long, TreeMap<Integer, ColumnFacts>> out = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull FROM pg_attribute a"
                + " WHERE a.attrelid = ANY (?::text[]::oid[]) AND a.attnum > 0"
                + " AND NOT a.attisdropped")) {
      p.setArray(1, textArray(c, oids));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
              .put(
                  rs.getInt(2), ColumnFacts.of(rs.getString(3), rs.getString(4), rs.getBoolean(5)));
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT conrelid, conname, pg_get_constraintdef(oid), convalidated, conkey"
                + " FROM pg_constraint WHERE contype = 'c'"
                + " AND conrelid = ANY (?::text[]::oid[]) ORDER BY conname")) {
      p.setArray(1, textArray(c, oids));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          TreeMap<Integer, ColumnFacts> cols = out.get(rs.getLong(1));
          Array keyArray = rs.getArray(5);
          if (cols == null || keyArray == null) {
            continue;
          }
          CheckFacts check = new CheckFacts(rs.getString(2), rs.getString(3), rs.getBoolean(4));
          for (Object k : (Object[]) keyArray.getArray()) {
            int attnum = ((Number) k).intValue();
            ColumnFacts col = cols.get(attnum);
            if (col != null) {
              cols.put(attnum, withCheck(col, check));
            }
          }
        }
      }
    }
    return out;
  }

  private static ColumnFacts withCheck(ColumnFacts col, CheckFacts check) {
    List<CheckFacts> checks = new ArrayList<>(col.checks());
    checks.add(check);
    NotNullCheck nn = col.notNullCheck();
    if (isNotNullCheck(col.name(), check.definition())) {
      NotNullCheck found = check.valid() ? NotNullCheck.VALID : NotNullCheck.NOT_VALID;
      nn = nn == NotNullCheck.VALID ? nn : found;
    }
    return new ColumnFacts(col.name(), col.type(), col.notNull(), checks, nn);
  }

  /**
   * Whether {@code pg_get_constraintdef} text is exactly {@code CHECK ((col IS NOT NULL))}
   * (possibly followed by NOT VALID), for the column spelled plainly or quoted.
   */
  static boolean isNotNullCheck(String column, String definition) {
    String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
    String ident = "(?:" + Pattern.quote(column) + "|" + Pattern.quote(quoted) + ")";
    return Pattern.compile("CHECK \\(+" + ident + " IS NOT NULL\\)+(?: NOT VALID)?")
        .matcher(definition.strip())
        .matches();
  }

  private void indexes(
      Connection c,
      List<String> oids,
      Map<Long, TreeMap<Integer, ColumnFacts>> columns,
      Map<Long, List<IndexFacts>> indexes,
      Map<Long, List<String>> primaryKeys)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT i.indrelid, ic.relname, i.indkey::int2[], i.indisunique, i.indisvalid,"
                + " i.indisprimary FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " WHERE i.indrelid = ANY (?::text[]::oid[]) ORDER BY ic.relname")) {
      p.setArray(1, textArray(c, oids));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          long rel = rs.getLong(1);
          TreeMap<Integer, ColumnFacts> cols = columns.getOrDefault(rel, new TreeMap<>());
          List<String> names = new ArrayList<>();
          boolean expression = false;
          for (Object k : (Object[]) rs.getArray(3).getArray()) {
            ColumnFacts col = cols.get(((Number) k).intValue());
            if (col == null) {
              expression = true;
            } else {
              names.add(col.name());
            }
          }
          List<String> key = expression ? List.of() : names;
          indexes
              .computeIfAbsent(rel, x -> new ArrayList<>())
              .add(new IndexFacts(rs.getString(2), key, rs.getBoolean(4), rs.getBoolean(5)));
          if (rs.getBoolean(6)) {
            primaryKeys.put(rel, key);
          }
        }
      }
    }
  }

  private Map<Long, List<QualifiedName>> partitions(Connection c, List<String> oids)
      throws SQLException {
    Map<Long, List<QualifiedName>> out = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT i.inhparent, ns.nspname, pc.relname FROM pg_inherits i"
                + " JOIN pg_class pc ON pc.oid = i.inhrelid"
                + " JOIN pg_namespace ns ON ns.oid = pc.relnamespace"
                + " WHERE i.inhparent = ANY (?::text[]::oid[]) ORDER BY pc.relname")) {
      p.setArray(1, textArray(c, oids));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), x -> new ArrayList<>())
              .add(QualifiedName.of(rs.getString(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  private Map<Long, List<String>> partitionKeys(
      Connection c, List<String> oids, Map<Long, TreeMap<Integer, ColumnFacts>> columns)
      throws SQLException {
    Map<Long, List<String>> out = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT partrelid, partattrs::int2[] FROM pg_partitioned_table"
                + " WHERE partrelid = ANY (?::text[]::oid[])")) {
      p.setArray(1, textArray(c, oids));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          TreeMap<Integer, ColumnFacts> cols = columns.getOrDefault(rs.getLong(1), new TreeMap<>());
          List<String> key = new ArrayList<>();
          for (Object k : (Object[]) rs.getArray(2).getArray()) {
            ColumnFacts col = cols.get(((Number) k).intValue());
            if (col != null) {
              key.add(col.name());
            }
          }
          out.put(rs.getLong(1), key);
        }
      }
    }
    return out;
  }

  private Map<Long, Map<String, QualifiedName>> foreignKeys(Connection c, List<String> oids)
      throws SQLException {
    Map<Long, Map<String, QualifiedName>> out = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT k.conrelid, k.conname, ns.nspname, r.relname FROM pg_constraint k"
                + " JOIN pg_class r ON r.oid = k.confrelid"
                + " JOIN pg_namespace ns ON ns.oid = r.relnamespace"
                + " WHERE k.contype = 'f' AND k.conrelid = ANY (?::text[]::oid[])"
                + " ORDER BY k.conname")) {
      p.setArray(1, textArray(c, oids));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), x -> new LinkedHashMap<>())
              .put(rs.getString(2), QualifiedName.of(rs.getString(3), rs.getString(4)));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------- types

  private Map<String, TypeFacts> types(Connection c, List<String> written) throws SQLException {
    Map<String, TypeFacts> out = new LinkedHashMap<>();
    if (written.isEmpty()) {
      return out;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT n.i, t.typtype, format_type(t.typbasetype, t.typtypmod), t.typnotnull,"
                + " EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contypid = t.oid)"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS n(name, i)"
                + " JOIN pg_type t ON t.oid = to_regtype(n.name)"
                + " WHERE t.typtype IN ('d', 'e')")) {
      p.setArray(1, textArray(c, written.stream().map(CatalogInspector::quoted).toList()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          String name = written.get(rs.getInt(1) - 1);
          if ("e".equals(rs.getString(2))) {
            out.put(name, TypeFacts.enumType(name));
          } else {
            boolean constrained = rs.getBoolean(4) || rs.getBoolean(5);
            out.put(name, TypeFacts.domain(name, rs.getString(3), constrained));
          }
        }
      }
    }
    return out;
  }

  // --------------------------------------------------------------- functions

  private record Proc(
      String schema,
      char volatility,
      String language,
      boolean securityDefiner,
      boolean returnsSet,
      boolean hasConfig,
      String source) {}

  private Map<String, FunctionFacts> functions(
      Connection c, List<String> written, List<String> searchPath) throws SQLException {
    Map<String, FunctionFacts> out = new LinkedHashMap<>();
    if (written.isEmpty()) {
      return out;
    }
    Map<String, List<Proc>> byName =
        procs(c, written.stream().map(CatalogInspector::last).toList());
    for (String w : written) {
      List<Proc> candidates = resolve(w, byName.getOrDefault(last(w), List.of()), searchPath);
      if (candidates.isEmpty()) {
        continue;
      }
      // overloads: the most volatile one decides (the argument types are not known here)
      Volatility v = Volatility.IMMUTABLE;
      boolean inlinable = true;
      for (Proc p : candidates) {
        v = v.max(volatility(p.volatility()));
        inlinable &= inlinable(c, p, searchPath);
      }
      out.put(w, new FunctionFacts(w, v, inlinable));
    }
    return out;
  }

  private Map<String, List<Proc>> procs(Connection c, List<String> names) throws SQLException {
    Map<String, List<Proc>> out = new HashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT p.proname, ns.nspname, p.provolatile, l.lanname, p.prosecdef, p.proretset,"
                + " p.proconfig IS NOT NULL, p.prosrc FROM pg_proc p"
                + " JOIN pg_namespace ns ON ns.oid = p.pronamespace"
                + " JOIN pg_language l ON l.oid = p.prolang"
                + " WHERE p.proname = ANY (?::text[])")) {
      p.setArray(1, textArray(c, names.stream().distinct().toList()));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), x -> new ArrayList<>())
              .add(
                  new Proc(
                      rs.getString(2),
                      rs.getString(3).charAt(0),
                      rs.getString(4),
                      rs.getBoolean(5),
                      rs.getBoolean(6),
                      rs.getBoolean(7),
                      rs.getString(8)));
        }
      }
    }
    return out;
  }

  /** The overloads the server would consider: the given schema, or the first on the path. */
  private static List<Proc> resolve(String written, List<Proc> all, List<String> searchPath) {
    int dot = written.indexOf('.');
    if (dot >= 0) {
      String schema = written.substring(0, dot);
      return all.stream().filter(p -> p.schema().equals(schema)).toList();
    }
    for (String schema : searchPath) {
      List<Proc> here = all.stream().filter(p -> p.schema().equals(schema)).toList();
      if (!here.isEmpty()) {
        return here;
      }
    }
    return List.of();
  }

  private static Volatility volatility(char c) {
    return switch (c) {
      case 'i' -> Volatility.IMMUTABLE;
      case 's' -> Volatility.STABLE;
      default -> Volatility.VOLATILE;
    };
  }

  private static final Pattern SINGLE_SELECT = Pattern.compile("(?is)\\s*select\\s[^;]*;?\\s*");

  /**
   * Whether the planner would inline the function and find no volatile call in its body: a {@code
   * LANGUAGE sql} function that is not SECURITY DEFINER, returns no set, has no SET clauses, whose
   * body is one SELECT calling no volatile function.
   */
  private boolean inlinable(Connection c, Proc p, List<String> searchPath) throws SQLException {
    if (!"sql".equals(p.language())
        || p.securityDefiner()
        || p.returnsSet()
        || p.hasConfig()
        || p.source() == null
        || !SINGLE_SELECT.matcher(p.source()).matches()) {
      return false;
    }
    Set<String> called = new LinkedHashSet<>();
    Analysis a = sql.analyze(p.source());
    if (!(a instanceof Analysis.Statements s) || s.statements().size() != 1) {
      return false;
    }
    for (ClassifiedStatement st : s.statements()) {
      called.addAll(ObjectReferences.of(st).functions());
    }
    if (called.isEmpty()) {
      return true;
    }
    Map<String, List<Proc>> procs = procs(c, called.stream().map(CatalogInspector::last).toList());
    for (String f : called) {
      List<Proc> candidates = resolve(f, procs.getOrDefault(last(f), List.of()), searchPath);
      if (candidates.stream().anyMatch(q -> q.volatility() == 'v')) {
        return false;
      }
    }
    return true;
  }

  // ----------------------------------------------------------------- helpers

  private static String last(String written) {
    int dot = written.lastIndexOf('.');
    return dot < 0 ? written : written.substring(dot + 1);
  }

  private static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** The written (already case-folded) name as a quoted identifier chain, safe for to_regclass. */
  static String quoted(String written) {
    StringBuilder sb = new StringBuilder();
    for (String part : written.split("\\.", 2)) {
      if (!sb.isEmpty()) {
        sb.append('.');
      }
      sb.append('"').append(part.replace("\"", "\"\"")).append('"');
    }
    return sb.toString();
  }

  private static Array textArray(Connection c, List<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray(new String[0]));
  }
}

package dev.drawbridge.policy.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.policy.ddl.node.PgTypeNameSpec;
import dev.drawbridge.policy.ddl.node.SqlPgAddColumn;
import dev.drawbridge.policy.ddl.node.SqlPgAddConstraint;
import dev.drawbridge.policy.ddl.node.SqlPgAlterColumn;
import dev.drawbridge.policy.ddl.node.SqlPgAlterTable;
import dev.drawbridge.policy.ddl.node.SqlPgColumnConstraint;
import dev.drawbridge.policy.ddl.node.SqlPgColumnDef;
import dev.drawbridge.policy.ddl.node.SqlPgCreateIndex;
import dev.drawbridge.policy.ddl.node.SqlPgCreateTable;
import dev.drawbridge.policy.ddl.node.SqlPgDrop;
import dev.drawbridge.policy.ddl.node.SqlPgDropColumn;
import dev.drawbridge.policy.ddl.node.SqlPgTableAction;
import dev.drawbridge.policy.ddl.node.SqlPgTableConstraint;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential test against a real PostgreSQL. Each statement runs inside a transaction that is
 * rolled back, against a small prepared schema. Only SQLSTATE 42601 (syntax_error) counts as
 * "PostgreSQL rejects". Properties: PostgreSQL rejects ⇒ we never return a tree; PostgreSQL accepts
 * and executes ⇒ if we return a tree, the names and facts it states (table, column, type, NOT NULL,
 * default, constraint kind and validity, index uniqueness) agree with the catalog afterwards.
 * Besides the corpora, token-level mutations of every corpus statement are run the same way, to
 * find statements we accept and PostgreSQL does not.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DdlDifferentialIT {

  private static final String SYNTAX_ERROR = "42601";
  private static final String FIXTURE =
      """
      CREATE SCHEMA app;
      CREATE SCHEMA "MySchema";
      CREATE DOMAIN app.email_address AS text CHECK (VALUE LIKE '%@%');
      CREATE TYPE mood AS ENUM ('sad', 'happy');
      CREATE SEQUENCE s;
      CREATE TABLE users (id bigint PRIMARY KEY, email text, name text CONSTRAINT users_name_key UNIQUE,
        status text, age int, bio text, created_at timestamp, payload jsonb, tags int[], x int,
        y int, c int, CONSTRAINT chk_old CHECK (age > 0));
      CREATE UNIQUE INDEX users_email_idx ON users (email);
      CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, qty int CONSTRAINT orders_qty_check
        CHECK (qty >= 0), price numeric, status text, created_at timestamptz,
        total2 numeric GENERATED ALWAYS AS (qty * price) STORED);
      CREATE TABLE docs (id int, payload jsonb);
      CREATE TABLE t (id int, a int, b int, c int);
      CREATE TABLE "MySchema"."Users" (id int, flag boolean);
      CREATE TABLE rooms (room int, during tsrange);
      CREATE TABLE p (id int) PARTITION BY LIST (id);
      CREATE TABLE p_1 PARTITION OF p FOR VALUES IN (1);
      CREATE TABLE p_2 (id int);
      CREATE TABLE p_def (id int);
      CREATE TABLE r (d date) PARTITION BY RANGE (d);
      CREATE TABLE r_2 (d date);
      CREATE TABLE r_3 (d date);
      CREATE TABLE h (id int) PARTITION BY HASH (id);
      CREATE TABLE h_1 (id int);
      CREATE TABLE old_users (id int);
      CREATE FUNCTION trg_fn() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
      CREATE TRIGGER trg BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION trg_fn();
      """;

  private final DdlParser parser = new DdlParser();
  private Connection connection;
  private String database;
  private TestPostgres server;

  @BeforeAll
  void prepare(TestPostgres pg) throws SQLException {
    server = pg;
    database = "ddl_diff_" + Long.toHexString(System.nanoTime());
    pg.execute("CREATE DATABASE " + database);
    Properties props = new Properties();
    props.setProperty("user", pg.superuser());
    if (!pg.superuserPassword().isEmpty()) {
      props.setProperty("password", pg.superuserPassword());
    }
    connection = DriverManager.getConnection(pg.jdbcUrl(database), props);
    serverMajor = connection.getMetaData().getDatabaseMajorVersion();
    try (Statement s = connection.createStatement()) {
      s.execute(FIXTURE);
      s.execute("SET statement_timeout = '10s'");
      s.execute("SET lock_timeout = '2s'");
    }
    connection.setAutoCommit(false);
  }

  @AfterAll
  void cleanUp() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.execute("DROP DATABASE IF EXISTS " + database);
    }
  }

  private int serverMajor;

  /**
   * Whether our tree uses syntax of a later PostgreSQL than the server under test: generated
   * columns without STORED or with VIRTUAL are PostgreSQL 18 (a syntax error before). The risk
   * rules never call those safe before 18; here they are counted, not treated as violations.
   */
  private boolean laterVersionSyntax(DdlParseResult ours) {
    return serverMajor < 18
        && ours instanceof DdlParseResult.Parsed p
        && usesPg18Syntax(p.statement());
  }

  private static boolean usesPg18Syntax(SqlNode n) {
    if (n instanceof SqlPgColumnConstraint c
        && (c.type() == SqlPgColumnConstraint.Type.GENERATED_VIRTUAL
            || c.type() == SqlPgColumnConstraint.Type.GENERATED)) {
      return true;
    }
    Iterable<SqlNode> children =
        n instanceof SqlNodeList l
            ? l
            : n instanceof SqlCall call ? call.getOperandList() : List.of();
    for (SqlNode child : children) {
      if (child != null && usesPg18Syntax(child)) {
        return true;
      }
    }
    return false;
  }

  /** Outcome of running one statement on the server. */
  private record Run(String sqlState, String message, List<String> mismatches) {}

  /**
   * Syntax errors PostgreSQL raises after looking at the catalog (a parser cannot know them): they
   * are counted, not treated as violations.
   */
  private static final List<String> CATALOG_DEPENDENT_SYNTAX_ERRORS =
      List.of("is a generated column", "type modifier is not allowed for type");

  private static boolean catalogDependent(Run run) {
    return run.message() != null
        && CATALOG_DEPENDENT_SYNTAX_ERRORS.stream().anyMatch(run.message()::contains);
  }

  private Run run(String sql, DdlParseResult ours) throws SQLException {
    List<String> mismatches = new ArrayList<>();
    String state = null;
    String message = null;
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
      if (ours instanceof DdlParseResult.Parsed parsed) {
        compareWithCatalog(parsed.statement(), mismatches);
      }
    } catch (SQLException e) {
      state = e.getSQLState() == null ? "?????" : e.getSQLState();
      message = e.getMessage();
    } finally {
      connection.rollback();
    }
    return new Run(state, message, mismatches);
  }

  @Test
  void corpusAgreesWithPostgres() throws SQLException {
    List<String> violations = new ArrayList<>();
    int executed = 0;
    int compared = 0;
    for (String sql : Corpus.statements("corpus.sql")) {
      DdlParseResult ours = parser.parse(sql);
      Run run = run(sql, ours);
      if (SYNTAX_ERROR.equals(run.sqlState()) && !laterVersionSyntax(ours)) {
        violations.add("PostgreSQL rejects as a syntax error but we parse it: " + sql);
      }
      if (run.sqlState() == null) {
        executed++;
        compared += run.mismatches().isEmpty() ? 1 : 0;
      }
      run.mismatches().forEach(m -> violations.add(sql + "\n    " + m));
    }
    System.out.printf(
        "differential corpus: %d executed, %d checked against the catalog%n", executed, compared);
    assertThat(violations).isEmpty();
    assertThat(executed).as("statements that ran on the fixture").isGreaterThan(100);
  }

  @Test
  void negativeCorpusIsNeverParsed() throws SQLException {
    List<String> violations = new ArrayList<>();
    int rejectedByPostgres = 0;
    for (String sql : Corpus.statements("negative.sql")) {
      DdlParseResult ours = parser.parse(sql);
      Run run = run(sql, ours);
      if (SYNTAX_ERROR.equals(run.sqlState())) {
        rejectedByPostgres++;
        if (ours instanceof DdlParseResult.Parsed && !laterVersionSyntax(ours)) {
          violations.add("PostgreSQL rejects as a syntax error but we parse it: " + sql);
        }
      }
    }
    System.out.printf(
        "differential negative corpus: %d rejected by PostgreSQL as syntax errors%n",
        rejectedByPostgres);
    assertThat(violations).isEmpty();
    assertThat(rejectedByPostgres).isGreaterThan(20);
  }

  @Test
  void mutatedStatementsNeverParseWhenPostgresRejectsThem() throws SQLException {
    Random random = new Random(Long.getLong("ddl.mutations.seed", 20_260_101L));
    int perStatement = Integer.getInteger("ddl.mutations", 20);
    List<String> vocabulary = new ArrayList<>();
    for (String sql : Corpus.statements("corpus.sql")) {
      Matcher m = TOKEN.matcher(sql);
      while (m.find()) {
        vocabulary.add(m.group());
      }
    }
    // Words and symbols PostgreSQL and Calcite read differently, or that only one of them knows.
    vocabulary.addAll(
        List.of(
            "ILIKE",
            "ISNULL",
            "NOTNULL",
            "ESCAPE",
            "SIMILAR",
            "OVERLAPS",
            "AT",
            "ANY",
            "SOME",
            "ALL",
            "EXISTS",
            "ROW",
            "FILTER",
            "OVER",
            "WITHIN",
            "MULTISET",
            "CURSOR",
            "ESCAPE",
            "UNKNOWN",
            "SYMMETRIC",
            "MEMBER",
            "OF",
            "SUBMULTISET",
            "PERIOD",
            "LIKE",
            "IS",
            "TRUE",
            "[",
            "]",
            ".",
            "*",
            "?",
            "$1",
            "->",
            "^",
            "%",
            "||",
            "=",
            "<>",
            "!=",
            "{",
            "}",
            "|",
            "&",
            "YEAR",
            "TO",
            "MONTH",
            "CAST",
            "AS",
            "DATE",
            "'2020-01-01'",
            "x'ff'",
            "N'x'",
            "ARRAY",
            "MAP",
            "TRIM",
            "BOTH",
            "FROM",
            "FOR",
            "INTERVAL",
            "'1'",
            "DAY",
            "-",
            "+",
            "DEFAULT",
            "NULL",
            "NOT",
            "VALID",
            "COLLATE",
            "\"C\"",
            "USING",
            "INDEX",
            "ONLY",
            "CONCURRENTLY",
            "IF",
            "EXISTS",
            "CASCADE",
            "RESTRICT",
            "WITH",
            "WITHOUT",
            "TIME",
            "ZONE",
            "VARYING",
            "PRECISION",
            "DOUBLE",
            "CHARACTER",
            "IDENTITY",
            "GENERATED",
            "STORED",
            "ALWAYS",
            "BY",
            "SET",
            "DROP",
            "ADD",
            "COLUMN",
            "CONSTRAINT"));
    List<String> violations = new ArrayList<>();
    int tried = 0;
    int catalogDependent = 0;
    int rejected = 0;
    int bothParsed = 0;
    for (String sql : Corpus.statements("corpus.sql")) {
      for (String mutant : mutations(sql, random, perStatement, vocabulary)) {
        tried++;
        DdlParseResult ours = parser.parse(mutant);
        Run run = run(mutant, ours);
        if (SYNTAX_ERROR.equals(run.sqlState())) {
          rejected++;
          if (ours instanceof DdlParseResult.Parsed
              && (catalogDependent(run) || laterVersionSyntax(ours))) {
            catalogDependent++;
          } else if (ours instanceof DdlParseResult.Parsed) {
            violations.add("PostgreSQL rejects as a syntax error but we parse it: " + mutant);
          }
        } else if (ours instanceof DdlParseResult.Parsed) {
          bothParsed++;
        }
        run.mismatches().forEach(m -> violations.add(mutant + "\n    " + m));
      }
    }
    System.out.printf(
        "differential mutations: %d tried, %d syntax errors in PostgreSQL, %d accepted by both,"
            + " %d catalog-dependent or PostgreSQL 18 syntax errors we parse%n",
        tried, rejected, bothParsed, catalogDependent);
    assertThat(violations).isEmpty();
  }

  private static final Pattern TOKEN =
      Pattern.compile(
          "'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\\$\\$.*?\\$\\$|[A-Za-z_][A-Za-z0-9_$]*|\\d+(?:\\.\\d+)?|::|&&|<>|<=|>=|\\|\\||\\S");

  /** Token deletions, duplications, swaps and replacements (from the corpus) of {@code sql}. */
  static Set<String> mutations(String sql, Random random, int count, List<String> vocabulary) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(sql);
    while (m.find()) {
      tokens.add(m.group());
    }
    Set<String> out = new LinkedHashSet<>();
    if (tokens.size() < 2) {
      return out;
    }
    for (int attempt = 0; attempt < count * 3 && out.size() < count; attempt++) {
      List<String> copy = new ArrayList<>(tokens);
      int i = random.nextInt(copy.size());
      switch (random.nextInt(5)) {
        case 0 -> copy.remove(i);
        case 1 -> copy.add(i, copy.get(i));
        case 2 -> copy.set(i, vocabulary.get(random.nextInt(vocabulary.size())));
        case 3 -> copy.add(i, vocabulary.get(random.nextInt(vocabulary.size())));
        default -> {
          int j = Math.min(i + 1, copy.size() - 1);
          String tmp = copy.get(i);
          copy.set(i, copy.get(j));
          copy.set(j, tmp);
        }
      }
      String mutant = String.join(" ", copy);
      if (!mutant.equals(String.join(" ", tokens))) {
        out.add(mutant);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ catalog comparison

  private void compareWithCatalog(SqlNode stmt, List<String> mismatches) throws SQLException {
    if (stmt instanceof SqlPgAlterTable alter) {
      String table = regclass(alter.table());
      for (SqlNode action : alter.actions()) {
        if (action instanceof SqlPgTableAction ta
            && (ta.type() == SqlPgTableAction.Type.RENAME_TABLE
                || ta.type() == SqlPgTableAction.Type.SET_SCHEMA)) {
          if (exists(table) && !alter.ifExists()) {
            mismatches.add("table " + table + " still exists after " + ta.type());
          }
          return;
        }
      }
      if (!exists(table)) {
        if (!alter.ifExists()) {
          mismatches.add("table " + table + " does not exist, yet the statement ran");
        }
        return;
      }
      Set<String> primaryKey = primaryKeyColumns(alter.actions());
      for (SqlNode action : alter.actions()) {
        compareAction(table, action, primaryKey, mismatches);
      }
    } else if (stmt instanceof SqlPgCreateIndex ci && ci.name() != null) {
      String name = quote(ci.name().getSimple());
      if (ci.table().names.size() > 1) {
        name = quote(ci.table().names.get(0)) + "." + name;
      }
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT i.indisunique FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            mismatches.add("index " + name + " not in the catalog");
          } else if (rs.getBoolean(1) != ci.unique()) {
            mismatches.add("index uniqueness differs");
          }
        }
      }
    } else if (stmt instanceof SqlPgCreateTable ct && !ct.ifNotExists()) {
      String table = regclass(ct.name());
      if (!exists(table)) {
        mismatches.add("table " + table + " not in the catalog");
        return;
      }
      Set<String> primaryKey = primaryKeyColumns(ct.elements().getList());
      for (SqlNode e : ct.elements()) {
        if (e instanceof SqlPgColumnDef col) {
          compareColumn(table, col, primaryKey, mismatches);
        }
      }
    } else if (stmt instanceof SqlPgDrop drop && drop.objectType() == SqlPgDrop.ObjectType.TABLE) {
      for (SqlNode n : drop.names()) {
        if (exists(regclass((SqlIdentifier) n))) {
          mismatches.add("table " + n + " still exists after DROP");
        }
      }
    }
  }

  /** Columns a table-level PRIMARY KEY makes NOT NULL. */
  private static Set<String> primaryKeyColumns(List<SqlNode> elements) {
    Set<String> out = new java.util.HashSet<>();
    for (SqlNode e : elements) {
      SqlNode c = e instanceof SqlPgAddConstraint add ? add.constraint() : e;
      if (c instanceof SqlPgTableConstraint tc
          && tc.type() == SqlPgTableConstraint.Type.PRIMARY_KEY
          && tc.columns() != null) {
        for (SqlNode col : tc.columns()) {
          out.add(((SqlIdentifier) col).getSimple());
        }
      }
    }
    return out;
  }

  private void compareAction(
      String table, SqlNode action, Set<String> primaryKey, List<String> mismatches)
      throws SQLException {
    if (action instanceof SqlPgAddColumn add) {
      if (!add.ifNotExists()) {
        compareColumn(table, add.column(), primaryKey, mismatches);
      }
    } else if (action instanceof SqlPgAlterColumn ac) {
      Column col = column(table, ac.column().getSimple());
      if (col == null) {
        mismatches.add("column " + ac.column() + " not in the catalog");
        return;
      }
      switch (ac.type()) {
        case SET_TYPE -> {
          if (!sameType(ac.newType(), col)) {
            mismatches.add(
                "type " + ac.newType().canonicalName() + " but catalog has " + col.typname);
          }
        }
        case SET_NOT_NULL -> expect(mismatches, col.notNull, true, "NOT NULL");
        case DROP_NOT_NULL -> expect(mismatches, col.notNull, false, "NOT NULL");
        case SET_DEFAULT -> {
          if (!(ac.expression() instanceof SqlLiteral lit && lit.getValue() == null)) {
            expect(mismatches, col.hasDefault, true, "default");
          }
        }
        case DROP_DEFAULT -> expect(mismatches, col.hasDefault, false, "default");
        default -> {}
      }
    } else if (action instanceof SqlPgDropColumn drop && !drop.isConstraint()) {
      if (column(table, drop.name().getSimple()) != null) {
        mismatches.add("column " + drop.name() + " still exists after DROP COLUMN");
      }
    } else if (action instanceof SqlPgTableAction ta
        && ta.type() == SqlPgTableAction.Type.RENAME_COLUMN) {
      if (column(table, ta.newName().getSimple()) == null) {
        mismatches.add("renamed column " + ta.newName() + " not in the catalog");
      }
    } else if (action instanceof SqlPgAddConstraint add && add.constraint().name() != null) {
      SqlPgTableConstraint c = add.constraint();
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT contype, convalidated FROM pg_constraint WHERE conrelid = to_regclass(?)"
                  + " AND conname = ?")) {
        ps.setString(1, table);
        ps.setString(2, c.name().getSimple());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            mismatches.add("constraint " + c.name() + " not in the catalog");
            return;
          }
          String expected =
              switch (c.type()) {
                case CHECK -> "c";
                case UNIQUE -> "u";
                case PRIMARY_KEY -> "p";
                case FOREIGN_KEY -> "f";
                case EXCLUDE -> "x";
              };
          if (!expected.equals(rs.getString(1))) {
            mismatches.add("constraint kind " + c.type() + " but catalog has " + rs.getString(1));
          }
          expect(mismatches, rs.getBoolean(2), !c.notValid(), "validated");
        }
      }
    }
  }

  private void compareColumn(
      String table, SqlPgColumnDef def, Set<String> primaryKey, List<String> mismatches)
      throws SQLException {
    Column col = column(table, def.columnName());
    if (col == null) {
      mismatches.add("column " + def.columnName() + " not in the catalog of " + table);
      return;
    }
    if (!sameType(def.type(), col)) {
      mismatches.add("type " + def.type().canonicalName() + " but catalog has " + col.typname);
    }
    boolean serial = def.type().isSerial();
    boolean notNull =
        def.isNotNull() || def.isIdentity() || serial || primaryKey.contains(def.columnName());
    expect(mismatches, col.notNull, notNull, "NOT NULL of " + def.columnName());
    SqlNode dflt = def.defaultExpression();
    boolean nullDefault = dflt instanceof SqlLiteral lit && lit.getValue() == null;
    boolean hasDefault = dflt != null || def.generatedExpression() != null || serial;
    if (!nullDefault) {
      // PostgreSQL drops a plain DEFAULT NULL, but keeps it when it needs a cast (char).
      expect(mismatches, col.hasDefault, hasDefault, "default of " + def.columnName());
    }
    expect(mismatches, col.identity, def.isIdentity(), "identity of " + def.columnName());
    expect(
        mismatches,
        col.generated,
        def.generatedExpression() != null,
        "generated of " + def.columnName());
  }

  private static void expect(
      List<String> mismatches, boolean actual, boolean expected, String what) {
    if (actual != expected) {
      mismatches.add(what + ": tree says " + expected + ", catalog says " + actual);
    }
  }

  private static boolean sameType(PgTypeNameSpec type, Column col) {
    String canonical = type.canonicalName();
    canonical =
        switch (canonical) {
          case "serial" -> "int4";
          case "bigserial" -> "int8";
          case "smallserial" -> "int2";
          default -> canonical;
        };
    int dot = canonical.lastIndexOf('.');
    if (dot >= 0) {
      canonical = canonical.substring(dot + 1);
    }
    String typname = col.typname;
    if (type.isArray()) {
      canonical = "_" + canonical;
    }
    return typname.equals(canonical);
  }

  private record Column(
      String typname, boolean notNull, boolean hasDefault, boolean identity, boolean generated) {}

  private Column column(String table, String name) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT t.typname, a.attnotnull, a.atthasdef, a.attidentity <> '', a.attgenerated <> ''"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped")) {
      ps.setString(1, table);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Column(
            rs.getString(1),
            rs.getBoolean(2),
            rs.getBoolean(3),
            rs.getBoolean(4),
            rs.getBoolean(5));
      }
    }
  }

  private boolean exists(String regclass) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, regclass);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String regclass(SqlIdentifier id) {
    List<String> parts = new ArrayList<>();
    for (String n : id.names) {
      parts.add(quote(n));
    }
    return String.join(".", parts);
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @SuppressWarnings("unused")
  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}

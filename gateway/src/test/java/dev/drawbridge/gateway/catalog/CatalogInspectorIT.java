package dev.drawbridge.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.ColumnFacts;
import dev.drawbridge.policy.facts.NotNullCheck;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.facts.Volatility;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CatalogInspectorIT {

  @BeforeAll
  static void schema(TestPostgres pg) throws Exception {
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS insp_a, insp_b CASCADE");
      s.execute("CREATE SCHEMA insp_a");
      s.execute("CREATE SCHEMA insp_b");
      s.execute("CREATE DOMAIN insp_a.posint AS integer CHECK (VALUE > 0)");
      s.execute("CREATE DOMAIN insp_a.plainint AS integer");
      s.execute("CREATE TYPE insp_a.mood AS ENUM ('ok', 'sad')");
      s.execute("CREATE TABLE insp_a.parent (id int PRIMARY KEY)");
      s.execute(
          "CREATE TABLE insp_a.items (id bigint PRIMARY KEY, \"Name\" varchar(50),"
              + " qty int CONSTRAINT items_qty_pos CHECK (qty > 0), note text,"
              + " parent_id int REFERENCES insp_a.parent (id))");
      s.execute(
          "ALTER TABLE insp_a.items ADD CONSTRAINT items_note_nn CHECK (note IS NOT NULL)"
              + " NOT VALID");
      s.execute(
          "ALTER TABLE insp_a.items ADD CONSTRAINT items_name_nn CHECK (\"Name\" IS NOT NULL)");
      s.execute("CREATE UNIQUE INDEX items_name_idx ON insp_a.items (\"Name\")");
      s.execute("CREATE INDEX items_expr_idx ON insp_a.items (lower(note))");
      s.execute("INSERT INTO insp_a.parent SELECT g FROM generate_series(1, 10) g");
      s.execute(
          "INSERT INTO insp_a.items SELECT g, 'n' || g, g, 'x', 1 FROM generate_series(1, 2000) g");
      s.execute("ANALYZE insp_a.items");
      s.execute("CREATE TABLE insp_b.items (id int)");
      s.execute("CREATE TABLE insp_a.fresh (id int)");
      s.execute("CREATE TABLE insp_a.measurements (id int, at date) PARTITION BY RANGE (at)");
      s.execute(
          "CREATE TABLE insp_a.measurements_2027 PARTITION OF insp_a.measurements"
              + " FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')");
      // Tables to be attached to insp_a.measurements / insp_a.regions, with and without a
      // validated CHECK that implies the bound.
      s.execute(
          "CREATE TABLE insp_a.m_ok (id int, at date CONSTRAINT m_ok_bound CHECK (at IS NOT NULL"
              + " AND at >= '2028-01-01' AND at < '2029-01-01'))");
      s.execute(
          "CREATE TABLE insp_a.m_narrow (id int, at date NOT NULL CHECK (at >= '2028-02-01'"
              + " AND at < '2028-12-01'))");
      s.execute(
          "CREATE TABLE insp_a.m_wide (id int, at date NOT NULL CHECK (at >= '2027-06-01'"
              + " AND at < '2029-06-01'))");
      s.execute(
          "CREATE TABLE insp_a.m_nullable (id int, at date CHECK (at >= '2028-01-01'"
              + " AND at < '2029-01-01'))");
      s.execute("CREATE TABLE insp_a.m_nv (id int, at date)");
      s.execute(
          "ALTER TABLE insp_a.m_nv ADD CONSTRAINT m_nv_bound CHECK (at IS NOT NULL"
              + " AND at >= '2028-01-01' AND at < '2029-01-01') NOT VALID");
      s.execute("CREATE TABLE insp_a.m_none (id int, at date)");
      // rows, so that the empty-table waiver does not decide the policy test
      s.execute("INSERT INTO insp_a.m_none VALUES (1, '2028-03-01')");
      s.execute("INSERT INTO insp_a.m_ok VALUES (1, '2028-03-01')");
      s.execute("CREATE TABLE insp_a.regions (code text) PARTITION BY LIST (code)");
      s.execute("CREATE TABLE insp_a.regions_eu (code text NOT NULL CHECK (code IN ('de', 'fr')))");
      s.execute(
          "CREATE FUNCTION insp_a.sql_const() RETURNS int VOLATILE LANGUAGE sql AS 'SELECT 42'");
      s.execute(
          "CREATE FUNCTION insp_a.sql_random() RETURNS float8 LANGUAGE sql AS 'SELECT random()'");
      s.execute(
          "CREATE FUNCTION insp_a.plpg() RETURNS int IMMUTABLE LANGUAGE plpgsql"
              + " AS $$BEGIN RETURN 1; END$$");
    }
  }

  private static ObjectReferences refs(String sql) {
    var a = (Analysis.Statements) new SqlAnalyzer().analyze(sql);
    return ObjectReferences.of(a.statements().get(0));
  }

  private static InspectedCatalog inspect(Connection c, String sql, String path)
      throws SQLException {
    return new CatalogInspector().inspect(c, refs(sql), Optional.of(path));
  }

  @Test
  void readsTablesColumnsChecksIndexesAndForeignKeys(TestPostgres pg) throws Exception {
    try (Connection c = pg.connect()) {
      InspectedCatalog cat =
          inspect(c, "ALTER TABLE items ADD COLUMN x insp_a.posint DEFAULT sql_const()", "insp_a");
      assertThat(cat.version().major()).isEqualTo(pg.majorVersion());
      assertThat(cat.searchPath()).contains("insp_a", "pg_catalog");
      assertThat(cat.tables().get("items").resolved())
          .isEqualTo(QualifiedName.of("insp_a", "items"));
      TableFacts items = cat.table("items").orElseThrow();
      assertThat(items.estimatedRows()).hasValue(2000);
      assertThat(items.sizeBytes().getAsLong()).isPositive();
      assertThat(items.isEmpty()).isFalse();
      assertThat(items.primaryKey()).containsExactly("id");
      assertThat(items.indexes().get("items_name_idx").unique()).isTrue();
      assertThat(items.indexes().get("items_name_idx").columns()).containsExactly("Name");
      assertThat(items.indexes().get("items_expr_idx").columns()).isEmpty();
      assertThat(items.foreignKeys()).containsValue(QualifiedName.of("insp_a", "parent"));
      ColumnFacts qty = items.column("qty").orElseThrow();
      assertThat(qty.type()).isEqualTo("integer");
      assertThat(qty.checks()).extracting(ch -> ch.name()).containsExactly("items_qty_pos");
      assertThat(items.column("note").orElseThrow().notNullCheck())
          .isEqualTo(NotNullCheck.NOT_VALID);
      assertThat(items.column("Name").orElseThrow().notNullCheck()).isEqualTo(NotNullCheck.VALID);
      assertThat(items.column("Name").orElseThrow().type()).isEqualTo("character varying(50)");
      assertThat(items.column("id").orElseThrow().notNull()).isTrue();
      assertThat(cat.types().get("insp_a.posint").hasConstraints()).isTrue();
      assertThat(cat.functions().get("sql_const").volatility()).isEqualTo(Volatility.VOLATILE);
      assertThat(cat.functions().get("sql_const").inlinableSql()).isTrue();

      CatalogFacts facts = cat.toFacts();
      assertThat(facts.table(QualifiedName.of("items"), List.of("public")).estimatedRows())
          .hasValue(2000);
      assertThat(facts.version()).isPresent();
    }
  }

  @Test
  void resolvesUnqualifiedNamesThroughTheSearchPath(TestPostgres pg) throws Exception {
    try (Connection c = pg.connect()) {
      InspectedCatalog b = inspect(c, "ALTER TABLE items ADD COLUMN y int", "insp_b, insp_a");
      assertThat(b.tables().get("items").resolved()).isEqualTo(QualifiedName.of("insp_b", "items"));
      assertThat(b.table("items").orElseThrow().column("qty")).isEmpty();
      InspectedCatalog none = inspect(c, "ALTER TABLE items ADD COLUMN y int", "public");
      assertThat(none.tables()).doesNotContainKey("items");
      // the connection's own search_path is untouched afterwards
      try (Statement s = c.createStatement();
          var rs = s.executeQuery("SHOW search_path")) {
        rs.next();
        assertThat(rs.getString(1)).doesNotContain("insp_b");
      }
    }
  }

  @Test
  void readsVolatilityInliningDomainsEnumsAndPartitions(TestPostgres pg) throws Exception {
    try (Connection c = pg.connect()) {
      InspectedCatalog cat =
          inspect(
              c,
              "SELECT sql_random(), plpg(), random(), now(), 1::plainint, 'ok'::mood FROM"
                  + " measurements, fresh",
              "insp_a");
      assertThat(cat.functions().get("sql_random").inlinableSql()).isFalse();
      assertThat(cat.functions().get("plpg").volatility()).isEqualTo(Volatility.IMMUTABLE);
      assertThat(cat.functions().get("plpg").inlinableSql()).isFalse();
      assertThat(cat.functions().get("random").volatility()).isEqualTo(Volatility.VOLATILE);
      assertThat(cat.functions().get("now").volatility()).isEqualTo(Volatility.STABLE);
      assertThat(cat.types().get("plainint").hasConstraints()).isFalse();
      assertThat(cat.types().get("mood").kind()).isEqualTo(TypeFacts.Kind.ENUM);
      TableFacts m = cat.table("measurements").orElseThrow();
      assertThat(m.partitioned()).isTrue();
      assertThat(m.partitions()).containsExactly(QualifiedName.of("insp_a", "measurements_2027"));
      assertThat(m.partitionKey()).containsExactly("at");
      TableFacts fresh = cat.table("fresh").orElseThrow();
      assertThat(fresh.isEmpty()).as("an empty heap is empty, analysed or not").isTrue();
    }
  }

  @Test
  void runsReadOnlyAndBounded(TestPostgres pg) throws Exception {
    try (Connection c = pg.connect()) {
      new CatalogInspector(Duration.ofMillis(1500)).inspect(c, refs("SELECT 1"), Optional.empty());
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(c.isReadOnly()).isFalse();
      try (Statement s = c.createStatement();
          var rs = s.executeQuery("SHOW statement_timeout")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("0");
      }
    }
    assertThatThrownBy(() -> new CatalogInspector(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void cacheServesUntilTheTtlOrAnInvalidation(TestPostgres pg) throws Exception {
    ManualClock clock = new ManualClock();
    CatalogCache cache = new CatalogCache(new CatalogInspector(), clock, Duration.ofMinutes(5));
    AtomicInteger opened = new AtomicInteger();
    CatalogCache.ConnectionSource source =
        () -> {
          opened.incrementAndGet();
          return pg.connect();
        };
    ObjectReferences r = refs("ALTER TABLE items ADD COLUMN z int");
    String db = pg.jdbcUrl();
    InspectedCatalog first = cache.facts(db, r, Optional.of("insp_a"), source);
    assertThat(first.table("items")).isPresent();
    cache.facts(db, r, Optional.of("insp_a"), source);
    assertThat(opened).hasValue(1);
    // another search_path is another answer for an unqualified name
    InspectedCatalog b = cache.facts(db, r, Optional.of("insp_b"), source);
    assertThat(b.tables().get("items").resolved().schema()).contains("insp_b");
    assertThat(opened).hasValue(2);

    pg.execute("ALTER TABLE insp_a.items ADD COLUMN added_later int");
    try {
      assertThat(
              cache
                  .facts(db, r, Optional.of("insp_a"), source)
                  .table("items")
                  .orElseThrow()
                  .column("added_later"))
          .as("still cached")
          .isEmpty();
      cache.invalidate(db, "insp_a.items");
      assertThat(
              cache
                  .facts(db, r, Optional.of("insp_a"), source)
                  .table("items")
                  .orElseThrow()
                  .column("added_later"))
          .isPresent();
      assertThat(opened).hasValue(3);

      clock.now = clock.now.plus(Duration.ofMinutes(6));
      cache.facts(db, r, Optional.of("insp_a"), source);
      assertThat(opened).as("expired after the TTL").hasValue(4);
      cache.invalidateDatabase(db);
      assertThat(cache.size()).isZero();
    } finally {
      pg.execute("ALTER TABLE insp_a.items DROP COLUMN added_later");
    }
  }

  private static final String BOUND_2028 = " FOR VALUES FROM ('2028-01-01') TO ('2029-01-01')";

  /**
   * The inspector's bound-check fact for each table agrees with what PostgreSQL does: ATTACH
   * PARTITION (run and rolled back) scans the table exactly when the fact is false.
   */
  @Test
  void attachPartitionBoundCheckMatchesWhetherPostgresScans(TestPostgres pg) throws Exception {
    record Probe(String sql, String table, boolean validated) {}
    List<Probe> probes =
        List.of(
            new Probe("ALTER TABLE measurements ATTACH PARTITION m_ok" + BOUND_2028, "m_ok", true),
            new Probe(
                "ALTER TABLE measurements ATTACH PARTITION m_narrow" + BOUND_2028,
                "m_narrow",
                true),
            new Probe(
                "ALTER TABLE measurements ATTACH PARTITION m_wide" + BOUND_2028, "m_wide", false),
            new Probe(
                "ALTER TABLE measurements ATTACH PARTITION m_nullable" + BOUND_2028,
                "m_nullable",
                false),
            new Probe("ALTER TABLE measurements ATTACH PARTITION m_nv" + BOUND_2028, "m_nv", false),
            new Probe(
                "ALTER TABLE measurements ATTACH PARTITION m_none" + BOUND_2028, "m_none", false),
            new Probe(
                "ALTER TABLE regions ATTACH PARTITION regions_eu FOR VALUES IN ('de', 'fr', 'it')",
                "regions_eu",
                true),
            new Probe(
                "ALTER TABLE regions ATTACH PARTITION regions_eu FOR VALUES IN ('de')",
                "regions_eu",
                false));
    try (Connection c = pg.connect()) {
      for (Probe p : probes) {
        InspectedCatalog cat = inspect(c, p.sql(), "insp_a");
        CatalogFacts facts = cat.toFacts();
        assertThat(facts.partition(QualifiedName.of(p.table())))
            .as(p.sql())
            .hasValueSatisfying(f -> assertThat(f.boundCheckValidated()).isEqualTo(p.validated()));
        assertThat(facts.partition(QualifiedName.of("insp_a", p.table()))).isPresent();
        assertThat(scansWhenAttached(c, p.sql(), "insp_a." + p.table()))
            .as("PostgreSQL scans on " + p.sql())
            .isEqualTo(!p.validated());
      }
    }
  }

  @Test
  void attachPartitionFactReachesThePolicyAndTheCache(TestPostgres pg) throws Exception {
    String sql = "ALTER TABLE measurements ATTACH PARTITION m_ok" + BOUND_2028;
    var engine = new dev.drawbridge.policy.plan.PolicyEngine();
    var session =
        dev.drawbridge.policy.facts.SessionContext.autocommit()
            .withSearchPath(List.of("insp_a"))
            .withLockTimeout(Duration.ofSeconds(2));
    try (Connection c = pg.connect()) {
      CatalogFacts ok = inspect(c, sql, "insp_a").toFacts();
      assertThat(ok.table(QualifiedName.of("m_ok"), List.of("insp_a")).isEmpty()).isFalse();
      assertThat(engine.analyze(sql, session, ok).getFirst().findings())
          .extracting(f -> f.ruleId())
          .doesNotContain("attach-partition-without-validated-check");
      String none = "ALTER TABLE measurements ATTACH PARTITION m_none" + BOUND_2028;
      CatalogFacts scan = inspect(c, none, "insp_a").toFacts();
      assertThat(engine.analyze(none, session, scan).getFirst().findings())
          .extracting(f -> f.ruleId())
          .contains("attach-partition-without-validated-check");
    }
    CatalogCache cache =
        new CatalogCache(new CatalogInspector(), Clock.systemUTC(), Duration.ofMinutes(5));
    InspectedCatalog viaCache = cache.facts("db", refs(sql), Optional.of("insp_a"), pg::connect);
    assertThat(viaCache.partitions().get("m_ok").boundCheckValidated()).isTrue();
    assertThat(cache.cached("db", refs(sql), Optional.of("insp_a"))).isEmpty();
  }

  /** Runs {@code attach} in a rolled-back transaction; whether it scanned {@code table}. */
  private static boolean scansWhenAttached(Connection c, String attach, String table)
      throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL search_path = insp_a");
      s.execute(attach);
      try (var rs = s.executeQuery("SELECT pg_stat_get_xact_numscans('" + table + "'::regclass)")) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } finally {
      c.rollback();
      c.setAutoCommit(auto);
    }
  }
}

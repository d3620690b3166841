package dev.drawbridge.policy.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.plan.PlanStep;
import dev.drawbridge.policy.plan.PlanText;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.plan.StepKind;
import dev.drawbridge.policy.risk.model.DdlFrontEnd;
import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Forms the Calcite grammar parses that the risk model once refused (SET SCHEMA, trigger state,
 * DROP EXPRESSION, COLLATE, DEFERRABLE, NULLS [NOT] DISTINCT, INCLUDE, ON UPDATE / MATCH, index
 * WITH / TABLESPACE, CASE and LIKE, plain VACUUM, REINDEX SCHEMA / DATABASE / SYSTEM, CREATE TABLE
 * TEMP / UNLOGGED / PARTITION OF / PARTITION BY / INHERITS): each is judged through the production
 * path with the lock, rewrite and scan of ddl-safety.md and PostgreSQL's lock table, and renders
 * back to SQL that parses into the same tree.
 */
class AdapterFormsTest {

  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final SessionContext AUTO =
      SessionContext.autocommit().withLockTimeout(Duration.ofSeconds(2));

  /**
   * One expectation: the statement on a server major, its verdict, strongest lock ("none" when it
   * takes none on a named table), rewrite/scan, blocking rules, and text the notes or plan SQL must
   * contain ("" for none).
   */
  record Form(
      String sql,
      int pg,
      String verdict,
      String lock,
      String effect,
      List<String> rules,
      String noteOrPlan) {}

  static Form form(String sql, String verdict, String lock, String effect, String... rules) {
    return new Form(sql, 15, verdict, lock, effect, List.of(rules), "");
  }

  static Form form(
      String sql, int pg, String verdict, String lock, String effect, String has, String... rules) {
    return new Form(sql, pg, verdict, lock, effect, List.of(rules), has);
  }

  static final String AEL = "ACCESS EXCLUSIVE";
  static final String SRE = "SHARE ROW EXCLUSIVE";
  static final String SUE = "SHARE UPDATE EXCLUSIVE";
  static final String QUIET = "no-rewrite no-scan";
  static final String SCAN = "no-rewrite scan";

  static List<Form> forms() {
    return List.of(
        // SET SCHEMA: a contract change like a rename (E1), catalog-only under AEL.
        form("ALTER TABLE orders SET SCHEMA archive", "UNSAFE", AEL, QUIET, "set-schema"),
        form("ALTER TABLE new_t SET SCHEMA archive", "SAFE", AEL, QUIET),
        // ENABLE / DISABLE TRIGGER: SHARE ROW EXCLUSIVE, no scan.
        form("ALTER TABLE orders DISABLE TRIGGER orders_audit", "SAFE", SRE, QUIET),
        form("ALTER TABLE orders ENABLE REPLICA TRIGGER orders_audit", "SAFE", SRE, QUIET),
        form("ALTER TABLE orders ENABLE ALWAYS TRIGGER orders_audit", "SAFE", SRE, QUIET),
        form("ALTER TABLE orders ENABLE TRIGGER USER", "SAFE", SRE, QUIET),
        form(
            "ALTER TABLE orders DISABLE TRIGGER ALL",
            15,
            "SAFE",
            SRE,
            QUIET,
            "internal triggers that enforce foreign keys"),
        // DROP EXPRESSION (PG 13+): stored values are kept, catalog-only.
        form(
            "ALTER TABLE orders ALTER COLUMN amount DROP EXPRESSION IF EXISTS",
            15,
            "SAFE",
            AEL,
            QUIET,
            "catalog-only"),
        form(
            "ALTER TABLE orders ALTER COLUMN amount DROP EXPRESSION",
            12,
            "SAFE",
            AEL,
            QUIET,
            "needs PostgreSQL 13"),
        // COLLATE on a new column changes nothing about the cost.
        form("ALTER TABLE orders ADD COLUMN label text COLLATE \"C\"", "SAFE", AEL, QUIET),
        form(
            "ALTER TABLE orders ADD COLUMN label text COLLATE pg_catalog.\"default\" NOT NULL"
                + " DEFAULT 'x'",
            "SAFE",
            AEL,
            QUIET),
        form(
            "ALTER TABLE orders ADD COLUMN label text COLLATE \"C\" DEFAULT gen_random_uuid()::text",
            "UNSAFE",
            AEL,
            "rewrite scan",
            "add-column-volatile-default"),
        // DEFERRABLE: same build and validation as without; the plan keeps it.
        form(
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES"
                + " users (id) DEFERRABLE INITIALLY DEFERRED",
            15,
            "UNSAFE",
            SRE,
            SCAN,
            "DEFERRABLE INITIALLY DEFERRED NOT VALID",
            "add-foreign-key-validating"),
        form(
            "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code) DEFERRABLE",
            15,
            "UNSAFE",
            AEL,
            SCAN,
            "UNIQUE USING INDEX orders_code_key DEFERRABLE",
            "add-unique-constraint"),
        form(
            "ALTER TABLE orders ADD COLUMN ref_code text UNIQUE DEFERRABLE INITIALLY DEFERRED",
            15,
            "UNSAFE",
            AEL,
            SCAN,
            "USING INDEX orders_ref_code_key DEFERRABLE INITIALLY DEFERRED",
            "add-column-inline-unique"),
        form(
            "ALTER TABLE orders ADD CONSTRAINT x EXCLUDE USING gist (user_id WITH =) DEFERRABLE",
            "UNSAFE",
            AEL,
            SCAN,
            "exclusion-constraint"),
        form(
            "ALTER TABLE orders ADD CONSTRAINT k UNIQUE USING INDEX orders_code_uidx NOT"
                + " DEFERRABLE INITIALLY IMMEDIATE",
            "SAFE",
            AEL,
            QUIET),
        // NULLS [NOT] DISTINCT (PG 15+): same index build; the plan's index keeps it.
        form(
            "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE NULLS NOT DISTINCT (code)",
            15,
            "UNSAFE",
            AEL,
            SCAN,
            "ON orders (code) NULLS NOT DISTINCT",
            "add-unique-constraint"),
        form(
            "CREATE UNIQUE INDEX CONCURRENTLY orders_code_nnd ON orders (code) NULLS NOT DISTINCT",
            13,
            "SAFE",
            SUE,
            SCAN,
            "needs PostgreSQL 15"),
        form(
            "ALTER TABLE orders ADD COLUMN ref_code text UNIQUE NULLS DISTINCT",
            15,
            "UNSAFE",
            AEL,
            SCAN,
            "(ref_code) NULLS DISTINCT",
            "add-column-inline-unique"),
        // INCLUDE (PG 11+).
        form(
            "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code) INCLUDE (note)",
            15,
            "UNSAFE",
            AEL,
            SCAN,
            "ON orders (code) INCLUDE (note)",
            "add-unique-constraint"),
        form(
            "ALTER TABLE orders ADD PRIMARY KEY (code) INCLUDE (note)",
            10,
            "UNSAFE",
            AEL,
            SCAN,
            "INCLUDE needs PostgreSQL 11",
            "add-primary-key"),
        // ON UPDATE / MATCH: no effect on locks or the validating scan.
        form(
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) MATCH"
                + " FULL ON DELETE CASCADE ON UPDATE SET NULL NOT VALID",
            "SAFE",
            SRE,
            QUIET),
        form(
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) ON"
                + " UPDATE CASCADE",
            15,
            "UNSAFE",
            SRE,
            SCAN,
            "ON UPDATE CASCADE NOT VALID",
            "add-foreign-key-validating"),
        form(
            "ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES users (id) MATCH SIMPLE ON"
                + " UPDATE RESTRICT",
            "SAFE",
            AEL,
            QUIET),
        // Index WITH (...) / TABLESPACE: kept in the concurrent rebuild.
        form(
            "CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note) WITH (fillfactor = 70)"
                + " TABLESPACE fast",
            "SAFE",
            SUE,
            SCAN),
        form(
            "CREATE INDEX orders_note_idx ON orders (note) WITH (fillfactor = 70, deduplicate_items"
                + " = off) TABLESPACE fast",
            15,
            "UNSAFE",
            "SHARE",
            SCAN,
            "CONCURRENTLY orders_note_idx ON orders (note) WITH (fillfactor = 70,"
                + " deduplicate_items = off) TABLESPACE fast",
            "create-index-non-concurrently"),
        // CASE and LIKE in expressions: volatility looks inside.
        form(
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (CASE WHEN qty > 0 THEN true ELSE false END)"
                + " NOT VALID",
            "SAFE",
            AEL,
            QUIET),
        form(
            "ALTER TABLE orders ADD COLUMN tier text DEFAULT CASE WHEN random() > 0.5 THEN 'a'"
                + " ELSE 'b' END",
            "UNSAFE",
            AEL,
            "rewrite scan",
            "add-column-volatile-default"),
        form(
            "ALTER TABLE orders ADD COLUMN tier text DEFAULT CASE WHEN now() > '2026-01-01' THEN"
                + " 'a' END",
            "SAFE",
            AEL,
            QUIET),
        form(
            "CREATE INDEX CONCURRENTLY orders_code_a ON orders (code) WHERE code LIKE 'A%' AND"
                + " note NOT LIKE '%x!%%' ESCAPE '!'",
            "SAFE", SUE, SCAN),
        form(
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (status IS DISTINCT FROM 'x' AND code IS"
                + " NOT DISTINCT FROM note) NOT VALID",
            "SAFE",
            AEL,
            QUIET),
        form(
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (code NOT LIKE '% %')",
            "UNSAFE", AEL, SCAN, "add-check-validating"),
        // Plain VACUUM: SHARE UPDATE EXCLUSIVE, outside a transaction block.
        form("VACUUM orders", 15, "SAFE", SUE, SCAN, "SHARE UPDATE EXCLUSIVE"),
        form("VACUUM (VERBOSE, ANALYZE) orders", "SAFE", SUE, SCAN),
        form("VACUUM (INDEX_CLEANUP off, SKIP_LOCKED) orders", "SAFE", SUE, SCAN),
        form("VACUUM", "SAFE", "none", SCAN),
        // REINDEX SCHEMA / DATABASE / SYSTEM.
        form(
            "REINDEX SCHEMA public",
            15,
            "UNSAFE",
            "none",
            "rewrite scan",
            "REINDEX SCHEMA CONCURRENTLY public",
            "reindex-non-concurrently"),
        form(
            "REINDEX DATABASE app",
            11,
            "UNSAFE",
            "none",
            "rewrite scan",
            "needs PostgreSQL 12",
            "reindex-non-concurrently"),
        form("REINDEX SCHEMA CONCURRENTLY public", "SAFE", "none", SCAN),
        form(
            "REINDEX (VERBOSE) DATABASE CONCURRENTLY app",
            15,
            "SAFE",
            "none",
            SCAN,
            "skips the system catalogs"),
        form(
            "REINDEX SYSTEM app",
            15,
            "UNSAFE",
            "none",
            "rewrite scan",
            "cannot be reindexed concurrently",
            "reindex-non-concurrently"),
        // CREATE TABLE variants: a new empty table; locks only on what it links to.
        form("CREATE TEMP TABLE scratch (id int, note text COLLATE \"C\")", "SAFE", "none", QUIET),
        form(
            "CREATE UNLOGGED TABLE cache_t (id bigint PRIMARY KEY, payload jsonb)",
            15,
            "SAFE",
            "none",
            QUIET,
            "UNLOGGED"),
        form(
            "CREATE TABLE metrics (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE"
                + " (created_at)",
            "SAFE",
            "none",
            QUIET),
        form(
            "CREATE TABLE metrics (id bigint, region text) PARTITION BY LIST (lower(region)) WITH"
                + " (fillfactor = 90) TABLESPACE fast",
            "SAFE",
            "none",
            QUIET),
        form(
            "CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM ('2030-01-01') TO"
                + " ('2031-01-01')",
            15,
            "SAFE",
            AEL,
            QUIET,
            "DEFAULT partition"),
        form(
            "CREATE TABLE events_other PARTITION OF events (CONSTRAINT pos CHECK (id > 0))"
                + " DEFAULT",
            "SAFE",
            AEL,
            QUIET),
        form(
            "CREATE TABLE events_h PARTITION OF events FOR VALUES WITH (MODULUS 4, REMAINDER 1)"
                + " PARTITION BY HASH (id)",
            "SAFE",
            AEL,
            QUIET),
        form("CREATE TABLE orders_child (extra int) INHERITS (orders)", "SAFE", SUE, QUIET),
        // Grammar additions: COMMENT ON (SHARE UPDATE EXCLUSIVE on the relation).
        form("COMMENT ON TABLE orders IS 'the orders'", "SAFE", SUE, QUIET),
        form("COMMENT ON COLUMN staging.orders.id IS NULL", "SAFE", SUE, QUIET),
        form("COMMENT ON CONSTRAINT orders_qty_check ON orders IS $c$it's$c$", "SAFE", SUE, QUIET),
        form("COMMENT ON INDEX orders_code_idx IS 'x'", "SAFE", SUE, QUIET),
        form("COMMENT ON SCHEMA audit IS 'x'", "SAFE", "none", QUIET),
        // CREATE TRIGGER: SHARE ROW EXCLUSIVE (B2), no scan.
        form(
            "CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OF status, note OR DELETE ON orders"
                + " FOR EACH ROW EXECUTE FUNCTION audit_fn()",
            15,
            "SAFE",
            SRE,
            QUIET,
            "the function's cost is not judged"),
        form(
            "CREATE OR REPLACE TRIGGER orders_audit BEFORE UPDATE ON orders FOR EACH ROW WHEN"
                + " (pg_trigger_depth() < 1) EXECUTE PROCEDURE audit_fn('a', 1)",
            13,
            "SAFE",
            SRE,
            QUIET,
            "CREATE OR REPLACE TRIGGER needs PostgreSQL 14"),
        form(
            "CREATE TRIGGER t AFTER TRUNCATE ON orders EXECUTE FUNCTION audit_fn()",
            10,
            "SAFE",
            SRE,
            QUIET,
            "EXECUTE FUNCTION needs PostgreSQL 11"),
        // Tagged dollar quotes are string constants; PG 18 VIRTUAL columns.
        form(
            "ALTER TABLE orders ADD COLUMN q text DEFAULT $q$random()$q$ NOT NULL",
            "SAFE",
            AEL,
            QUIET),
        form(
            "ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL",
            18,
            "SAFE",
            AEL,
            QUIET,
            "catalog-only on PostgreSQL 18"),
        form(
            "ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL",
            17,
            "UNSAFE",
            AEL,
            "rewrite scan",
            "VIRTUAL needs PostgreSQL 18",
            "add-column-stored-generated"));
  }

  @TestFactory
  Stream<DynamicTest> eachFormIsJudged() {
    return forms().stream()
        .map(f -> DynamicTest.dynamicTest("PG " + f.pg() + ": " + f.sql(), () -> check(f)));
  }

  private static StatementResult.Judged judge(String sql, int pg, SessionContext session) {
    CatalogFacts facts = Fixtures.catalog(PgVersion.of(pg));
    List<StatementResult> rs = ENGINE.analyze(sql, session, facts);
    assertThat(rs).hasSize(1);
    if (rs.getFirst() instanceof StatementResult.Classified c && c.command().equals("VACUUM")) {
      // Plain VACUUM is classified WRITE (the access rules decide on it); the DDL front end, which
      // `drawbridge plan` and plan steps go through, judges it all the same.
      DdlFrontEnd.Result parsed = DdlFrontEnd.calcite().parse(sql);
      assertThat(parsed).as(sql).isInstanceOf(DdlFrontEnd.Result.Ok.class);
      return ENGINE.analyze(((DdlFrontEnd.Result.Ok) parsed).statement(), sql, session, facts);
    }
    assertThat(rs.getFirst())
        .as(PlanText.render(rs.getFirst()))
        .isInstanceOf(StatementResult.Judged.class);
    return (StatementResult.Judged) rs.getFirst();
  }

  private static void check(Form f) {
    StatementResult.Judged j = judge(f.sql(), f.pg(), AUTO);
    String dump = "\n" + PlanText.render(j);
    assertThat(j.verdict().name()).as("verdict" + dump).isEqualTo(f.verdict());
    assertThat(
            j.report().findings().stream()
                .filter(x -> !x.advisory())
                .map(Finding::ruleId)
                .sorted()
                .toList())
        .as("blocking rules" + dump)
        .isEqualTo(f.rules().stream().sorted().toList());
    assertThat(j.report().effect().strongestLock().map(l -> l.pgName()).orElse("none"))
        .as("lock" + dump)
        .isEqualTo(f.lock());
    String effect =
        (j.report().effect().rewrite() ? "rewrite" : "no-rewrite")
            + " "
            + (j.report().effect().scan() ? "scan" : "no-scan");
    assertThat(effect).as("effect" + dump).isEqualTo(f.effect());
    if (!f.noteOrPlan().isEmpty()) {
      String all =
          String.join("\n", j.report().notes())
              + "\n"
              + String.join("\n", j.plan().notes())
              + "\n"
              + j.report().findings().stream()
                  .map(Finding::message)
                  .collect(Collectors.joining("\n"))
              + "\n"
              + j.plan().steps().stream()
                  .flatMap(s -> Stream.concat(s.sql().stream(), s.rollbackSql().stream()))
                  .collect(Collectors.joining("\n"));
      assertThat(all).as("notes and plan" + dump).contains(f.noteOrPlan());
    }
  }

  /** The statement and every step of its plan render to SQL that parses into the same tree. */
  @TestFactory
  Stream<DynamicTest> eachFormRoundTrips() {
    return forms().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.sql(),
                    () -> {
                      StatementResult.Judged j = judge(f.sql(), f.pg(), AUTO);
                      List<DdlStatement> all = new ArrayList<>();
                      all.add(j.report().statement());
                      for (PlanStep s : j.plan().steps()) {
                        all.addAll(s.statements());
                        all.addAll(s.rollback());
                      }
                      for (DdlStatement st : all) {
                        String sql = SqlRenderer.statement(st);
                        assertThat(DdlFrontEnd.calcite().parse(sql))
                            .as(sql)
                            .isEqualTo(new DdlFrontEnd.Result.Ok(st));
                      }
                    }));
  }

  @Test
  void plainVacuumRunsAloneOutsideATransaction() {
    StatementResult.Judged j = judge("VACUUM (ANALYZE) orders", 15, AUTO);
    assertThat(j.plan().steps()).hasSize(1);
    assertThat(j.plan().steps().getFirst().kind()).isEqualTo(StepKind.CONCURRENT);
    assertThat(j.plan().steps().getFirst().transactional()).isFalse();
    StatementResult.Judged inTx = judge("VACUUM orders", 15, AUTO.withTransactionBlock(true));
    assertThat(inTx.verdict()).isEqualTo(Verdict.UNSAFE);
    assertThat(inTx.report().ruleIds()).contains(RuleId.CONCURRENTLY_IN_TRANSACTION.id());
  }

  @Test
  void reindexSchemaRefusesATransactionBlockAndSystemHasNoOnlinePath() {
    StatementResult.Judged inTx =
        judge("REINDEX SCHEMA CONCURRENTLY public", 15, AUTO.withTransactionBlock(true));
    assertThat(inTx.report().ruleIds()).contains(RuleId.CONCURRENTLY_IN_TRANSACTION.id());
    StatementResult.Judged system = judge("REINDEX SYSTEM app", 15, AUTO);
    assertThat(system.plan().online()).isFalse();
    assertThat(system.plan().steps().getFirst().kind()).isEqualTo(StepKind.AS_WRITTEN);
    StatementResult.Judged old = judge("REINDEX SCHEMA public", 11, AUTO);
    assertThat(old.plan().online()).isFalse();
  }

  @Test
  void partitionOfQueuesForAccessExclusiveOnTheParentWithoutLockTimeout() {
    StatementResult.Judged j =
        judge(
            "CREATE TABLE events_2030 PARTITION OF events FOR VALUES FROM ('2030-01-01') TO"
                + " ('2031-01-01')",
            15,
            SessionContext.autocommit());
    assertThat(j.report().ruleIds()).contains(RuleId.LOCK_TIMEOUT_MISSING.id());
    assertThat(j.verdict()).isEqualTo(Verdict.SAFE);
  }

  @Test
  void formsPostgresqlRejectsStayNotUnderstood() {
    for (String sql :
        List.of(
            "ALTER TABLE orders ENABLE REPLICA TRIGGER ALL",
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (qty > 0) DEFERRABLE",
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT"
                + " DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE orders ADD COLUMN n int NOT NULL DEFERRABLE",
            "CREATE TRIGGER t AFTER INSERT OR INSERT ON orders EXECUTE FUNCTION f()",
            "CREATE CONSTRAINT TRIGGER t BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f()",
            "CREATE CONSTRAINT TRIGGER t AFTER INSERT ON orders EXECUTE FUNCTION f()",
            "CREATE TRIGGER t AFTER INSERT ON orders DEFERRABLE FOR EACH ROW EXECUTE FUNCTION f()",
            "CREATE CONSTRAINT TRIGGER t AFTER INSERT ON orders REFERENCING NEW TABLE AS n FOR EACH"
                + " ROW EXECUTE FUNCTION f()",
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (qty = ANY (1, 2))",
            "COMMENT ON COLUMN orders IS 'x'",
            "ALTER TABLE orders ADD COLUMN q text DEFAULT $q$x$Q$")) {
      List<StatementResult> rs = ENGINE.analyze(sql, AUTO, Fixtures.catalog(PgVersion.of(15)));
      assertThat(rs.getFirst().verdict()).as(sql).isEqualTo(Verdict.NOT_UNDERSTOOD);
    }
  }
}

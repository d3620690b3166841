package dev.drawbridge.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.risk.Fixtures;
import dev.drawbridge.policy.risk.RuleId;
import dev.drawbridge.policy.risk.Verdict;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.policy.sql.StatementClass;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's front door: one lexer, classes of non-DDL statements, session across calls. */
class PolicyEngineTest {

  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final CatalogFacts FACTS = Fixtures.catalog(PgVersion.of(15));
  private static final SessionContext AUTO =
      SessionContext.autocommit().withLockTimeout(Duration.ofSeconds(2));
  private static final String CREATE = "CREATE TABLE t (id bigint PRIMARY KEY)";
  private static final String ADD =
      "ALTER TABLE t ADD COLUMN r uuid NOT NULL DEFAULT gen_random_uuid()";

  @Test
  void lexicalFailureIsNotUnderstoodWithItsPosition() {
    List<StatementResult> r = ENGINE.analyze("SELECT 1;\nSELECT 'open", AUTO, FACTS);
    assertThat(r).hasSize(1);
    assertThat(r.getFirst()).isInstanceOf(StatementResult.NotUnderstood.class);
    assertThat(((StatementResult.NotUnderstood) r.getFirst()).reason()).contains("line 2");
  }

  @Test
  void nonDdlStatementsSayTheirClassAndAreNotJudgedByDdlRules() {
    List<StatementResult> r =
        ENGINE.analyze(
            "SELECT * FROM orders; UPDATE orders SET note = 'x' WHERE id = 1; SET search_path = a;"
                + " BEGIN",
            AUTO,
            FACTS);
    assertThat(r)
        .extracting(x -> ((StatementResult.Classified) x).statementClass())
        .containsExactly(
            StatementClass.READ,
            StatementClass.WRITE,
            StatementClass.SESSION,
            StatementClass.TRANSACTION);
    assertThat(r).allSatisfy(x -> assertThat(x.verdict()).isEqualTo(Verdict.SAFE));
    assertThat(r).allSatisfy(x -> assertThat(x.findings()).isEmpty());
    assertThat(r.getFirst().sql()).isEqualTo("SELECT * FROM orders");
  }

  @Test
  void proceduralUnknownAndRefusedDdlFailClosed() {
    for (String sql :
        List.of(
            "CALL do_things()",
            "FROBNICATE orders",
            "CREATE VIEW v AS SELECT 1",
            // outside the DDL grammar: refused, never judged
            "ALTER TABLE orders OWNER TO bob")) {
      List<StatementResult> r = ENGINE.analyze(sql, AUTO, FACTS);
      assertThat(r).as(sql).hasSize(1);
      assertThat(r.getFirst()).as(sql).isInstanceOf(StatementResult.NotUnderstood.class);
    }
    StatementResult refused =
        ENGINE.analyze("SELECT 1;\n  ALTER TABLE orders OWNER TO bob", AUTO, FACTS).get(1);
    assertThat(((StatementResult.NotUnderstood) refused).reason()).contains("line 2, column 3");
  }

  @Test
  void aColumnNamedRefIsJudged() {
    StatementResult r =
        ENGINE
            .analyze(
                "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()",
                AUTO,
                FACTS)
            .getFirst();
    assertThat(r).isInstanceOf(StatementResult.Judged.class);
    assertThat(r.verdict()).isEqualTo(Verdict.UNSAFE);
  }

  @Test
  void opaqueCodeKeepsItsRule() {
    StatementResult r = ENGINE.analyze("DO $$ BEGIN NULL; END $$", AUTO, FACTS).getFirst();
    assertThat(r.verdict()).isEqualTo(Verdict.NOT_UNDERSTOOD);
    assertThat(r.findings()).extracting(f -> f.ruleId()).contains(RuleId.OPAQUE_DDL.id());
  }

  @Test
  void tableCreatedInAnEarlierCallOfTheSameTransactionIsNew() {
    PolicyEngine.QueryOutcome first = ENGINE.analyzeQuery("BEGIN; " + CREATE, AUTO, FACTS);
    assertThat(first.session().inTransactionBlock()).isTrue();
    assertThat(first.session().multiStatementQuery()).isFalse();

    PolicyEngine.QueryOutcome second = ENGINE.analyzeQuery(ADD, first.session(), FACTS);
    assertThat(second.results().getFirst().verdict()).isEqualTo(Verdict.SAFE);

    PolicyEngine.QueryOutcome commit = ENGINE.analyzeQuery("COMMIT", second.session(), FACTS);
    assertThat(commit.session().inTransactionBlock()).isFalse();
    assertThat(commit.session().earlierInTransaction()).isEmpty();
    StatementResult after = ENGINE.analyzeQuery(ADD, commit.session(), FACTS).results().getFirst();
    assertThat(after.verdict()).isEqualTo(Verdict.UNSAFE);
    assertThat(after.findings())
        .extracting(f -> f.ruleId())
        .contains(RuleId.ADD_COLUMN_VOLATILE_DEFAULT.id());
  }

  @Test
  void aTableCreatedInAnotherSchemaDoesNotMakeTheSameNameNew() {
    // orders (5M rows) exists; creating staging.orders in the transaction must not waive its rules
    String index = "CREATE INDEX orders_qty ON orders (qty)";
    List<StatementResult> other =
        ENGINE.analyze(
            "BEGIN; CREATE TABLE staging.orders (id int, qty int); " + index, AUTO, FACTS);
    assertThat(other.getLast().verdict()).isEqualTo(Verdict.UNSAFE);
    assertThat(other.getLast().findings())
        .extracting(f -> f.ruleId())
        .contains(RuleId.CREATE_INDEX_NON_CONCURRENTLY.id());

    List<StatementResult> qualified =
        ENGINE.analyze(
            "BEGIN; CREATE TABLE staging.t2 (id int, qty int);"
                + " CREATE INDEX t2_qty ON staging.t2 (qty)",
            AUTO,
            FACTS);
    assertThat(qualified.getLast().verdict()).isEqualTo(Verdict.SAFE);

    List<StatementResult> elsewhere =
        ENGINE.analyze(
            "BEGIN; CREATE TABLE t2 (id int, qty int); CREATE INDEX t2_qty ON audit.t2 (qty)",
            AUTO,
            FACTS);
    assertThat(elsewhere.getLast().verdict()).isEqualTo(Verdict.UNSAFE);
  }

  @Test
  void createdTableStaysNewAcrossQueriesAndLocksOnItAreNotReported() {
    PolicyEngine.QueryOutcome first =
        ENGINE.analyzeQuery("BEGIN; CREATE TABLE staging.t3 (id int)", AUTO, FACTS);
    PolicyEngine.QueryOutcome second =
        ENGINE.analyzeQuery(
            "ALTER TABLE staging.t3 ADD COLUMN r uuid NOT NULL DEFAULT gen_random_uuid()",
            first.session(),
            FACTS);
    assertThat(second.results().getFirst().verdict()).isEqualTo(Verdict.SAFE);
    assertThat(second.session().exclusiveLocksHeld()).isEmpty();
    PolicyEngine.QueryOutcome third =
        ENGINE.analyzeQuery("ALTER TABLE orders ADD COLUMN n text", second.session(), FACTS);
    assertThat(third.session().exclusiveLocksHeld()).containsExactly("orders");
  }

  @Test
  void sessionCarriedByHandWithSummarize() {
    SessionContext tx = AUTO.withTransactionBlock(true);
    StatementResult.Judged created =
        (StatementResult.Judged) ENGINE.analyze(CREATE, tx, FACTS).getFirst();
    SessionContext next = tx.after(PolicyEngine.summarize(created.report()));
    assertThat(ENGINE.analyze(ADD, next, FACTS).getFirst().verdict()).isEqualTo(Verdict.SAFE);
  }

  @Test
  void statementsAfterCommitInTheSameQueryAreInANewTransaction() {
    List<StatementResult> r = ENGINE.analyze("BEGIN; " + CREATE + "; COMMIT; " + ADD, AUTO, FACTS);
    assertThat(r.getLast().verdict()).isNotEqualTo(Verdict.SAFE);
    List<StatementResult> same = ENGINE.analyze("BEGIN; " + CREATE + "; " + ADD, AUTO, FACTS);
    assertThat(same.getLast().verdict()).isEqualTo(Verdict.SAFE);
  }

  @Test
  void implicitTransactionOfOneQueryEndsWithIt() {
    PolicyEngine.QueryOutcome o = ENGINE.analyzeQuery(CREATE + "; " + ADD, AUTO, FACTS);
    assertThat(o.results().getLast().verdict()).isEqualTo(Verdict.SAFE);
    assertThat(o.session().earlierInTransaction()).isEmpty();
    assertThat(ENGINE.analyzeQuery(ADD, o.session(), FACTS).results().getFirst().verdict())
        .isNotEqualTo(Verdict.SAFE);
  }

  @Test
  void rollbackToSavepointKeepsTheTransaction() {
    PolicyEngine.QueryOutcome o =
        ENGINE.analyzeQuery(
            "BEGIN; " + CREATE + "; SAVEPOINT s; ROLLBACK TO SAVEPOINT s", AUTO, FACTS);
    assertThat(o.session().inTransactionBlock()).isTrue();
    assertThat(o.session().earlierInTransaction()).hasSize(1);
    PolicyEngine.QueryOutcome r = ENGINE.analyzeQuery("ROLLBACK", o.session(), FACTS);
    assertThat(r.session().inTransactionBlock()).isFalse();
    assertThat(r.session().earlierInTransaction()).isEmpty();
    PolicyEngine.QueryOutcome chain = ENGINE.analyzeQuery("COMMIT AND CHAIN", o.session(), FACTS);
    assertThat(chain.session().inTransactionBlock()).isTrue();
    assertThat(chain.session().earlierInTransaction()).isEmpty();
  }

  @Test
  void alreadySplitTextsKeepOneResultPerStatementInOrder() {
    List<StatementResult> r =
        ENGINE.analyzeStatements(List.of("BEGIN", CREATE, "SELECT 'open", ADD), AUTO, FACTS);
    assertThat(r).hasSize(4);
    assertThat(r.get(2)).isInstanceOf(StatementResult.NotUnderstood.class);
    assertThat(r.get(3).verdict()).isEqualTo(Verdict.SAFE);
  }

  @Test
  void theDdlParserGetsTheStatementWithCommentsBlanked() {
    StatementResult r =
        ENGINE
            .analyze(
                "-- add a note\nALTER TABLE orders /* a /* nested */ comment */ ADD COLUMN n2 text;",
                AUTO,
                FACTS)
            .getFirst();
    assertThat(r).isInstanceOf(StatementResult.Judged.class);
    assertThat(r.verdict()).isEqualTo(Verdict.SAFE);
  }

  @Test
  void emptyQueryHasNoResults() {
    assertThat(ENGINE.analyze(" ; -- nothing\n", AUTO, FACTS)).isEmpty();
  }

  @Test
  void setStatementsChangeTheSessionAsPostgresReadsThem() {
    SessionContext s =
        ENGINE
            .analyzeQuery(
                "SET lock_timeout = '3s'; SET TIME ZONE 'Europe/Berlin';"
                    + " SET /* c */ search_path TO \"$user\", App, 'public'",
                SessionContext.autocommit(),
                FACTS)
            .session();
    assertThat(s.lockTimeout()).contains(Duration.ofSeconds(3));
    assertThat(s.timeZone()).contains("Europe/Berlin");
    assertThat(s.searchPath()).containsExactly("app", "public");
    assertThat(s.inTransactionBlock()).isFalse();

    SessionContext t = ENGINE.analyzeQuery("SET TimeZone = UTC", s, FACTS).session();
    assertThat(t.timeZone()).contains("utc");
    assertThat(ENGINE.analyzeQuery("SET SESSION TIME ZONE DEFAULT", t, FACTS).session().timeZone())
        .isEmpty();
    assertThat(ENGINE.analyzeQuery("SET lock_timeout TO 500", s, FACTS).session().lockTimeout())
        .contains(Duration.ofMillis(500));
    assertThat(ENGINE.analyzeQuery("SET lock_timeout = '2min'", s, FACTS).session().lockTimeout())
        .contains(Duration.ofMinutes(2));
    assertThat(ENGINE.analyzeQuery("SET lock_timeout = DEFAULT", s, FACTS).session().lockTimeout())
        .isEmpty();
    assertThat(ENGINE.analyzeQuery("SET lock_timeout = 'soon'", s, FACTS).session().lockTimeout())
        .as("PostgreSQL refuses the value; the session keeps its setting")
        .contains(Duration.ofSeconds(3));
    assertThat(ENGINE.analyzeQuery("SET search_path = DEFAULT", s, FACTS).session().searchPath())
        .isEqualTo(SessionContext.DEFAULT_SEARCH_PATH);
    assertThat(ENGINE.analyzeQuery("SET statement_timeout = '1s'", s, FACTS).session())
        .isEqualTo(s);
  }

  @Test
  void setLocalOnlyCountsInsideATransaction() {
    SessionContext auto = SessionContext.autocommit();
    assertThat(
            ENGINE
                .analyzeQuery("SET LOCAL lock_timeout = '1s'", auto, FACTS)
                .session()
                .lockTimeout())
        .isEmpty();
    assertThat(
            ENGINE
                .analyzeQuery("BEGIN; SET LOCAL lock_timeout = '1s'", auto, FACTS)
                .session()
                .lockTimeout())
        .contains(Duration.ofSeconds(1));
  }

  private static SessionContext after(String sql, SessionContext s) {
    return ENGINE.analyzeQuery(sql, s, FACTS).session();
  }

  @Test
  void setLocalEndsWithTheTransaction() {
    SessionContext auto = SessionContext.autocommit().withLockTimeout(Duration.ofSeconds(5));
    SessionContext inBlock = after("BEGIN; SET LOCAL lock_timeout = '1s'", auto);
    assertThat(inBlock.lockTimeout()).contains(Duration.ofSeconds(1));
    assertThat(after("COMMIT", inBlock).lockTimeout()).contains(Duration.ofSeconds(5));
    assertThat(after("ROLLBACK", inBlock).lockTimeout()).contains(Duration.ofSeconds(5));
    assertThat(after("END", inBlock).inTransactionBlock()).isFalse();
    // the statements of the block still see it, the ones after COMMIT in the same query do not
    assertThat(
            after("BEGIN; SET LOCAL TIME ZONE 'UTC'; COMMIT; SET LOCAL lock_timeout = '1s'", auto)
                .timeZone())
        .isEmpty();
    // a multi-statement query is an implicit transaction: SET LOCAL lasts until the query ends
    assertThat(after("SET LOCAL lock_timeout = '1s'; SELECT 1", auto).lockTimeout())
        .contains(Duration.ofSeconds(5));
    List<StatementResult> seen =
        ENGINE.analyze(
            "SET LOCAL lock_timeout = '0'; ALTER TABLE orders ADD COLUMN x int",
            auto,
            Fixtures.catalog(PgVersion.of(15)));
    assertThat(seen.getLast().findings().stream().map(f -> f.ruleId()))
        .contains("lock-timeout-missing");
  }

  @Test
  void rollbackUndoesPlainSetsOfTheTransactionAndCommitKeepsThem() {
    SessionContext auto = SessionContext.autocommit().withLockTimeout(Duration.ofSeconds(5));
    SessionContext block =
        after(
            "BEGIN; SET search_path = app; SET LOCAL lock_timeout = '1s'; SET TIME ZONE 'UTC'",
            auto);
    assertThat(block.searchPath()).containsExactly("app");
    SessionContext committed = after("COMMIT", block);
    assertThat(committed.searchPath()).containsExactly("app");
    assertThat(committed.timeZone()).contains("UTC");
    assertThat(committed.lockTimeout()).contains(Duration.ofSeconds(5));
    SessionContext rolledBack = after("ROLLBACK", block);
    assertThat(rolledBack.searchPath()).isEqualTo(SessionContext.DEFAULT_SEARCH_PATH);
    assertThat(rolledBack.timeZone()).isEmpty();
    assertThat(rolledBack.lockTimeout()).contains(Duration.ofSeconds(5));
    // a plain SET after a SET LOCAL of the same setting survives COMMIT, and the other way round
    assertThat(
            after("BEGIN; SET LOCAL lock_timeout = '1s'; SET lock_timeout = '3s'; COMMIT", auto)
                .lockTimeout())
        .contains(Duration.ofSeconds(3));
    assertThat(
            after("BEGIN; SET lock_timeout = '3s'; SET LOCAL lock_timeout = '1s'; COMMIT", auto)
                .lockTimeout())
        .contains(Duration.ofSeconds(3));
    assertThat(after("BEGIN; SET lock_timeout = '3s'; ABORT", auto).lockTimeout())
        .contains(Duration.ofSeconds(5));
    // AND CHAIN: the settings end with the first transaction, the block goes on
    SessionContext chained = after("BEGIN; SET LOCAL lock_timeout = '1s'; COMMIT AND CHAIN", auto);
    assertThat(chained.inTransactionBlock()).isTrue();
    assertThat(chained.lockTimeout()).contains(Duration.ofSeconds(5));
    // outside any transaction a plain SET simply sticks
    assertThat(after("SET lock_timeout = '3s'", auto).lockTimeout())
        .contains(Duration.ofSeconds(3));
  }

  @Test
  void scriptRunsEachStatementInItsOwnTransactionUnlessInABlock() {
    String concurrently = "CREATE INDEX CONCURRENTLY i ON orders (id)";
    PolicyEngine.QueryOutcome auto = ENGINE.analyzeScript(script(concurrently), AUTO, FACTS, false);
    assertThat(auto.results().getFirst().findings())
        .extracting(f -> f.ruleId())
        .doesNotContain(RuleId.CONCURRENTLY_IN_TRANSACTION.id());
    PolicyEngine.QueryOutcome block =
        ENGINE.analyzeScript(script("BEGIN; " + concurrently + "; COMMIT"), AUTO, FACTS, false);
    assertThat(block.results().get(1).findings())
        .extracting(f -> f.ruleId())
        .contains(RuleId.CONCURRENTLY_IN_TRANSACTION.id());
    PolicyEngine.QueryOutcome single =
        ENGINE.analyzeScript(script(concurrently + "; COMMIT; " + concurrently), AUTO, FACTS, true);
    assertThat(single.results().getLast().findings())
        .as("-1: the whole file is one transaction")
        .extracting(f -> f.ruleId())
        .contains(RuleId.CONCURRENTLY_IN_TRANSACTION.id());
    assertThat(single.session().inTransactionBlock()).isFalse();
    assertThat(single.session().earlierInTransaction()).isEmpty();
  }

  @Test
  void scriptRemembersTablesCreatedEarlierInTheFileAndItsSettings() {
    PolicyEngine.QueryOutcome o =
        ENGINE.analyzeScript(
            script("SET lock_timeout = '4s'; BEGIN; " + CREATE + "; COMMIT; " + ADD),
            SessionContext.autocommit(),
            FACTS,
            false);
    assertThat(o.results().getLast().verdict()).isEqualTo(Verdict.SAFE);
    assertThat(o.session().lockTimeout()).contains(Duration.ofSeconds(4));
    assertThat(o.session().inTransactionBlock()).isFalse();
    assertThat(o.session().earlierInTransaction()).isEmpty();
    assertThat(ENGINE.analyzeScript(script(ADD), AUTO, FACTS, false).results().getFirst().verdict())
        .isEqualTo(Verdict.UNSAFE);
  }

  private static List<ClassifiedStatement> script(String sql) {
    return ((Analysis.Statements) new SqlAnalyzer().analyze(sql)).statements();
  }
}

package dev.drawbridge.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementClassifierTest {
  private final SqlAnalyzer analyzer = new SqlAnalyzer();

  private ClassifiedStatement only(String sql) {
    Analysis a = analyzer.analyze(sql);
    assertThat(a).isInstanceOf(Analysis.Statements.class);
    List<ClassifiedStatement> list = ((Analysis.Statements) a).statements();
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "select 1|READ",
        "WITH w AS (SELECT 1) SELECT * FROM w|READ",
        "SELECT update FROM t|READ",
        "SELECT (update) FROM t|WRITE", // conservative: looks like a data-modifying subquery
        "SELECT * FROM t FOR UPDATE OF t|WRITE",
        "SELECT substring('abc' FROM 1 FOR 2)|READ",
        "INSERT INTO t DEFAULT VALUES|WRITE",
        "EXPLAIN VERBOSE DELETE FROM t|READ",
        "EXPLAIN (FORMAT json, ANALYZE) DELETE FROM t|WRITE",
        "EXPLAIN (ANALYZE 0) DELETE FROM t|READ",
        "EXPLAIN (ANALYZE maybe) DELETE FROM t|WRITE", // not a clear false: assume it executes
        "EXPLAIN (\"analyze\") DELETE FROM t|WRITE",
        "COPY t TO STDOUT|READ",
        "COPY BINARY t FROM STDIN|WRITE",
        "VACUUM|MAINTENANCE",
        "VACUUM (FULL 0) t|MAINTENANCE",
        "VACUUM FULL|DDL",
        "CREATE OR REPLACE TRUSTED PROCEDURAL LANGUAGE plx|DDL",
        "CREATE TEXT SEARCH CONFIGURATION c (COPY = english)|DDL",
        "ALTER ROUTINE r() RENAME TO s|DDL",
        "DROP USER MAPPING FOR app SERVER s|PRIVILEGE",
        "SET SESSION search_path = x|SESSION",
        "SET LOCAL \"session_authorization\" = 'x'|ROLE_CHANGE",
        "RESET session_authorization|ROLE_CHANGE",
        "PREPARE transaction AS SELECT 1|READ",
        "PREPARE TRANSACTION 'x'|TRANSACTION",
        "DECLARE c BINARY CURSOR FOR VALUES (1)|READ",
        "WITH RECURSIVE x AS (SELECT 1) MERGE INTO t USING x ON true WHEN MATCHED THEN DELETE|WRITE",
        "(VALUES (1)) UNION (SELECT 2 FOR SHARE)|WRITE",
        "SELECT set_config('application_name', 'role', false)|READ",
        "SELECT set_config('role'::text, 'x', false)|ROLE_CHANGE",
        "SELECT myschema.set_config('role', 'x', false)|ROLE_CHANGE",
        "SELECT set_config FROM t|READ",
        "DO $$ BEGIN UPDATE users SET role = 'x'; END $$|PROCEDURAL",
        "DO $$ BEGIN EXECUTE $q$SET SESSION AUTHORIZATION 'x'$q$; END $$|ROLE_CHANGE",
        "DO $$ BEGIN EXECUTE 'DISCARD ALL'; END $$|ROLE_CHANGE",
        "CREATE FUNCTION f() RETURNS void AS $$ SELECT set_config('role','x',false) $$"
            + " LANGUAGE sql|ROLE_CHANGE",
        "ALTER FUNCTION f() RESET role|ROLE_CHANGE",
        "ALTER TABLE t ALTER COLUMN role SET DEFAULT 'x'|DDL",
        "UPDATE users SET role = 'admin'|WRITE",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;|UNKNOWN",
        "EXPLAIN|UNKNOWN",
        "EXPLAIN EXPLAIN SELECT 1|READ",
      })
  void classifies(String sql, StatementClass expected) {
    assertThat(only(sql).statementClass()).isEqualTo(expected);
  }

  @Test
  void factsForAnInsertWithParameters() {
    ClassifiedStatement st =
        only("INSERT INTO \"App\".orders (id, note) VALUES ($2, $1) RETURNING id");
    assertThat(st.statementClass()).isEqualTo(StatementClass.WRITE);
    assertThat(st.command()).isEqualTo("INSERT");
    assertThat(st.targets()).containsExactly(new ObjectName(List.of("App", "orders")));
    assertThat(st.targets().get(0).name()).isEqualTo("orders");
    assertThat(st.parameterCount()).isEqualTo(2);
    assertThat(st.referencesSetConfig()).isFalse();
    assertThat(st.preparedStatementName()).isEmpty();
    assertThat(st.lexicalFeatures())
        .containsExactlyInAnyOrder(LexicalFeature.QUOTED_IDENTIFIER, LexicalFeature.PARAMETER);
  }

  @Test
  void ddlTextBlanksCommentsAndKeepsOffsets() {
    String sql = "SELECT 1; ALTER TABLE t /* why\n not */ ADD COLUMN c int -- tail\n";
    ClassifiedStatement st = ((Analysis.Statements) analyzer.analyze(sql)).statements().get(1);
    assertThat(st.text()).isEqualTo("ALTER TABLE t /* why\n not */ ADD COLUMN c int");
    assertThat(st.ddlText())
        .isEqualTo("ALTER TABLE t" + " ".repeat(7) + "\n" + " ".repeat(8) + "ADD COLUMN c int");
    assertThat(st.ddlText()).hasSameSizeAs(st.text());
    assertThat(st.lexicalFeatures()).containsExactly(LexicalFeature.COMMENT);
    assertThat(st.startOffset()).isEqualTo(10);
    assertThat(st.position()).isEqualTo(new SourcePosition(10, 1, 11));
  }

  @Test
  void featuresFlagWhatAWeakerLexerMightMisread() {
    ClassifiedStatement st =
        only(
            "ALTER TABLE U&\"t\" ADD COLUMN c text DEFAULT $$x$$ || E'\\n' || B'1' || X'1' || U&'a'");
    assertThat(st.lexicalFeatures())
        .containsExactlyInAnyOrder(
            LexicalFeature.UNICODE_IDENTIFIER,
            LexicalFeature.DOLLAR_STRING,
            LexicalFeature.ESCAPE_STRING,
            LexicalFeature.BIT_STRING,
            LexicalFeature.HEX_STRING,
            LexicalFeature.UNICODE_STRING);
  }

  @Test
  void standardConformingStringsOffChangesTheSplit() {
    String sql = "SELECT 'a\\' , ' ; DROP TABLE t; --'";
    Analysis on = analyzer.analyze(sql);
    Analysis off =
        new SqlAnalyzer(LexerOptions.DEFAULTS.withStandardConformingStrings(false)).analyze(sql);
    assertThat(((Analysis.Statements) on).statements()).hasSize(1);
    assertThat(((Analysis.Statements) off).statements())
        .extracting(ClassifiedStatement::statementClass)
        .containsExactly(StatementClass.READ, StatementClass.DDL);
  }

  @Test
  void executeTakesTheClassOfTheStatementItRuns() {
    Analysis a =
        analyzer.analyze(
            "PREPARE r AS SELECT 1; PREPARE w(int) AS DELETE FROM t WHERE id = $1;"
                + " EXECUTE r; EXECUTE w(1); EXPLAIN EXECUTE w(2); EXPLAIN ANALYZE EXECUTE w(3);"
                + " EXECUTE other; DEALLOCATE r; EXECUTE r; EXECUTE known",
            java.util.Map.of("known", StatementClass.DDL));
    assertThat(((Analysis.Statements) a).statements())
        .extracting(ClassifiedStatement::statementClass)
        .containsExactly(
            StatementClass.READ,
            StatementClass.WRITE,
            StatementClass.READ,
            StatementClass.WRITE,
            StatementClass.READ,
            StatementClass.WRITE,
            StatementClass.UNKNOWN,
            StatementClass.SESSION,
            StatementClass.UNKNOWN,
            StatementClass.DDL);
  }

  @Test
  void deallocateAllForgetsEverything() {
    Analysis a =
        analyzer.analyze(
            "DEALLOCATE ALL; EXECUTE known", java.util.Map.of("known", StatementClass.READ));
    assertThat(((Analysis.Statements) a).statements().get(1).statementClass())
        .isEqualTo(StatementClass.UNKNOWN);
  }
}

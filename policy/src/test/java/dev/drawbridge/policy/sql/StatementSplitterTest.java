package dev.drawbridge.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

  static List<String> split(String sql) {
    TokenStream ts = SqlLexerTest.lex(sql);
    return StatementSplitter.split(ts).stream()
        .map(s -> sql.substring(s.startOffset(), s.endOffset()))
        .toList();
  }

  @Test
  void cutsAtTopLevelSemicolons() {
    assertThat(split("SELECT 1; DROP TABLE x")).containsExactly("SELECT 1", "DROP TABLE x");
  }

  @Test
  void emptyStatementsAndTrailingSemicolonsVanish() {
    assertThat(split(";;SELECT 1;;  ; -- c\n;")).containsExactly("SELECT 1");
    assertThat(split("")).isEmpty();
    assertThat(split("/* only a comment */")).isEmpty();
  }

  @Test
  void semicolonsInsideStringsCommentsAndQuotesDoNotCut() {
    assertThat(
            split(
                "SELECT ';', \";\", $$;$$, $t$ ; $t$, E'\\';', U&';' /* ; /* ; */ ; */ -- ;\n; SELECT 2"))
        .hasSize(2);
  }

  @Test
  void nestedCommentHidingASemicolonAndDdl() {
    assertThat(split("SELECT 1 /* /* */ ; DROP TABLE x; */")).containsExactly("SELECT 1");
  }

  @Test
  void beginAtomicBodyIsOneStatement() {
    String create =
        "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\n"
            + "BEGIN ATOMIC\n"
            + "  SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END;\n"
            + "  SELECT CASE a WHEN 1 THEN CASE WHEN true THEN 3 END END;\n"
            + "  INSERT INTO t VALUES (a);\n"
            + "END";
    assertThat(split(create + "; SELECT 2")).containsExactly(create, "SELECT 2");
  }

  @Test
  void procedureBodyToo() {
    String create =
        "CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); DELETE FROM u; END";
    assertThat(split(create + ";DROP TABLE t")).containsExactly(create, "DROP TABLE t");
  }

  @Test
  void beginAtomicOutsideARoutineDefinitionDoesNotHideStatements() {
    assertThat(split("SELECT begin atomic; DROP TABLE x; SELECT 1 end"))
        .containsExactly("SELECT begin atomic", "DROP TABLE x", "SELECT 1 end");
  }

  @Test
  void unterminatedBeginAtomicIsFlagged() {
    List<StatementSpan> spans =
        StatementSplitter.split(
            SqlLexerTest.lex(
                "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; DROP TABLE x;"));
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).unterminatedBody()).isTrue();
  }

  @Test
  void dollarQuotedFunctionBodyIsOneStatement() {
    assertThat(
            split(
                "CREATE FUNCTION f() RETURNS void AS $body$ BEGIN DELETE FROM t; END $body$"
                    + " LANGUAGE plpgsql; SELECT 1"))
        .hasSize(2);
  }

  @Test
  void semicolonInsideParenthesesStillCuts() {
    // PostgreSQL rejects this whole string; cutting makes each piece fail closed
    assertThat(split("SELECT (1; DROP TABLE x; )"))
        .containsExactly("SELECT (1", "DROP TABLE x", ")");
  }

  @Test
  void multiActionRuleKeepsItsParenthesisedSemicolons() {
    String rule =
        "CREATE OR REPLACE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); DELETE FROM b)";
    assertThat(split(rule + "; SELECT 1")).containsExactly(rule, "SELECT 1");
  }

  @Test
  void spansCarryOffsetsAndTokenRanges() {
    TokenStream ts = SqlLexerTest.lex("  SELECT 1;\nSELECT 2");
    List<StatementSpan> spans = StatementSplitter.split(ts);
    assertThat(spans.get(1).index()).isEqualTo(1);
    assertThat(spans.get(1).startOffset()).isEqualTo(12);
    assertThat(spans.get(1).firstToken()).isEqualTo(3);
    assertThat(spans.get(1).endToken()).isEqualTo(5);
    assertThat(ts.positionOf(spans.get(1).startOffset()).line()).isEqualTo(2);
  }
}

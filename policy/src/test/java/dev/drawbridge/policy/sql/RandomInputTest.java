package dev.drawbridge.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random soups of the fragments that make PostgreSQL lexing hard. Whatever the input, analysis must
 * end in a classification or a lexical error, never an unexpected exception, and every value
 * accessor on every token must work.
 */
class RandomInputTest {
  private static final String[] FRAGMENTS = {
    "'",
    "''",
    "\"",
    "\"\"",
    "$$",
    "$a$",
    "$A$",
    "$1",
    "$",
    "/*",
    "*/",
    "--",
    "\n",
    "\r",
    " ",
    "\t",
    "E'",
    "e'\\",
    "\\",
    "\\u",
    "\\U",
    "\\x4",
    "U&'",
    "U&\"",
    "u&",
    "UESCAPE",
    "'!'",
    "!",
    "!0041",
    "\\0041",
    "\\D800",
    "\\+01F600",
    ";",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "..",
    ":",
    "::",
    ":=",
    "BEGIN",
    "ATOMIC",
    "END",
    "CASE",
    "CREATE",
    "OR REPLACE",
    "FUNCTION",
    "PROCEDURE",
    "RULE",
    "SELECT",
    "INSERT INTO",
    "UPDATE",
    "DELETE FROM",
    "WITH",
    "AS",
    "FOR UPDATE",
    "INTO",
    "COPY",
    "FROM",
    "TO",
    "STDOUT",
    "PROGRAM",
    "EXPLAIN",
    "ANALYZE",
    "PREPARE",
    "EXECUTE",
    "DECLARE",
    "CURSOR",
    "SET",
    "ROLE",
    "SESSION",
    "AUTHORIZATION",
    "RESET",
    "DISCARD",
    "ALL",
    "DO",
    "set_config",
    "pg_catalog",
    "0x",
    "0b",
    "1",
    "1.5",
    "e5",
    "_",
    "x",
    "é",
    "B'",
    "X'",
    "N'",
    "+",
    "-",
    "*",
    "/",
    "<",
    ">",
    "=",
    "@",
    "#",
    "~",
    "?",
    "|",
    "`",
    "{",
    "\u000b",
    "\f"
  };

  @Test
  void randomSoupsNeverBreakTheAnalyzer() {
    SplittableRandom random = new SplittableRandom(20261125);
    SqlAnalyzer analyzer = new SqlAnalyzer();
    SqlAnalyzer backslashes =
        new SqlAnalyzer(LexerOptions.DEFAULTS.withStandardConformingStrings(false));
    int lexed = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + random.nextInt(25);
      for (int p = 0; p < parts; p++) {
        sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        if (random.nextInt(3) == 0) {
          sb.append(' ');
        }
      }
      String sql = sb.toString();
      for (SqlAnalyzer a : new SqlAnalyzer[] {analyzer, backslashes}) {
        Analysis result;
        try {
          result = a.analyze(sql);
        } catch (RuntimeException e) {
          throw new AssertionError("analyze threw on: " + sql, e);
        }
        if (result instanceof Analysis.Statements s) {
          lexed++;
          exercise(sql, s);
        }
      }
    }
    assertThat(lexed).isGreaterThan(1_000);
  }

  private static void exercise(String sql, Analysis.Statements s) {
    try {
      for (ClassifiedStatement st : s.statements()) {
        assertThat(st.ddlText()).hasSameSizeAs(st.text());
        st.lexicalFeatures();
        st.position();
        assertThat(st.statementClass()).isNotNull();
        TokenStream ts = st.tokens();
        for (int i = st.span().firstToken(); i < st.span().endToken(); i++) {
          TokenType t = ts.type(i);
          if (t.isIdentifier()) {
            ts.identifier(i);
          } else if (t.isString()) {
            ts.stringValue(i);
          }
          ts.position(i);
        }
      }
    } catch (RuntimeException e) {
      throw new AssertionError("accessors threw on: " + sql, e);
    }
  }
}

package dev.drawbridge.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Adversarial input: must be linear, bounded and answered with a clear error or a class. */
@Timeout(20)
class PathologicalInputTest {
  private static final int MIB = 1 << 20;
  private final SqlAnalyzer analyzer = new SqlAnalyzer();

  private Analysis timed(String sql, Duration budget) {
    long start = System.nanoTime();
    Analysis a = analyzer.analyze(sql);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(budget);
    return a;
  }

  @Test
  void oneMebibyteOfOpenParentheses() {
    Analysis a = timed("SELECT " + "(".repeat(MIB - 7), Duration.ofSeconds(5));
    assertThat(a).isInstanceOf(Analysis.Statements.class);
    // unbalanced: PostgreSQL rejects it; the classifier has no recursion to overflow
    assertThat(((Analysis.Statements) a).statements()).hasSize(1);
  }

  @Test
  void parenthesesWithSemicolonsDoNotGoQuadratic() {
    Analysis a = timed("(".repeat(200_000) + ";".repeat(200_000), Duration.ofSeconds(5));
    assertThat(((Analysis.Statements) a).statements()).hasSize(1);
    assertThat(((Analysis.Statements) a).statements().get(0).statementClass())
        .isEqualTo(StatementClass.READ);
  }

  @Test
  void deeplyNestedComments() {
    String sql = "/*".repeat(250_000) + "*/".repeat(250_000) + " SELECT 1";
    Analysis a = timed(sql, Duration.ofSeconds(5));
    assertThat(((Analysis.Statements) a).statements()).hasSize(1);
  }

  @Test
  void unterminatedDeepComment() {
    Analysis a = timed("/*".repeat(400_000), Duration.ofSeconds(5));
    assertThat(((Analysis.LexicalFailure) a).error().message())
        .isEqualTo("unterminated /* comment");
    assertThat(((Analysis.LexicalFailure) a).error().position().offset()).isZero();
  }

  @Test
  void unterminatedDollarQuoteFullOfNearMisses() {
    String tag = "$" + "a".repeat(1000) + "$";
    String body = ("$" + "a".repeat(999) + "b").repeat(1000);
    Analysis a = timed("SELECT " + tag + body, Duration.ofSeconds(5));
    assertThat(((Analysis.LexicalFailure) a).error().message())
        .isEqualTo("unterminated dollar-quoted string");
  }

  @Test
  void manyDollarSignsInsideADollarQuote() {
    Analysis a = timed("SELECT $x$" + "$".repeat(MIB - 20) + "$x$", Duration.ofSeconds(5));
    assertThat(a).isInstanceOf(Analysis.Statements.class);
  }

  @Test
  void unterminatedStringAtTheEndOfAMebibyte() {
    Analysis a = timed("SELECT 1;".repeat(100_000) + "'", Duration.ofSeconds(5));
    assertThat(((Analysis.LexicalFailure) a).error().position().line()).isEqualTo(1);
    assertThat(((Analysis.LexicalFailure) a).error().position().offset()).isEqualTo(900_000);
  }

  @Test
  void aHundredThousandStatements() {
    Analysis a = timed("SELECT 1;\n".repeat(100_000), Duration.ofSeconds(5));
    var statements = ((Analysis.Statements) a).statements();
    assertThat(statements).hasSize(100_000);
    assertThat(statements.get(99_999).position().line()).isEqualTo(100_000);
  }

  @Test
  void nestedExplainIsBounded() {
    Analysis a = timed("EXPLAIN ANALYZE ".repeat(50_000) + "DELETE FROM t", Duration.ofSeconds(5));
    assertThat(((Analysis.Statements) a).statements().get(0).statementClass())
        .isEqualTo(StatementClass.UNKNOWN);
  }

  @Test
  void overTheCap() {
    Analysis a = timed("x".repeat(MIB + 1), Duration.ofSeconds(2));
    assertThat(((Analysis.LexicalFailure) a).error().message())
        .contains("more than the limit of " + MIB);
  }
}

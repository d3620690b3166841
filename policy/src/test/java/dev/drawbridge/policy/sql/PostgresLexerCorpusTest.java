package dev.drawbridge.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays inputs whose outcome was recorded from real PostgreSQL servers ({@code
 * sql/differential/pg15-lexer.tsv} and {@code pg17-lexer.tsv}: each input sent as one simple Query
 * to PostgreSQL 15.20 and 17.6). Where the server ran {@code n} statements, the splitter must find
 * exactly {@code n}; where the server's lexer refused the input, ours must refuse it with the same
 * message. Rows the server refused later (grammar, semantics) are not lexer facts and are skipped.
 *
 * <p>This is the offline half of the differential test; a live one needs the testkit's embedded
 * PostgreSQL as a test dependency of this module.
 */
class PostgresLexerCorpusTest {
  private static final Path DIR = Path.of("src/test/resources/sql/differential");
  private final SqlAnalyzer analyzer = new SqlAnalyzer();

  record Row(String file, int line, String outcome, String sql) {}

  static List<Row> rows() throws IOException {
    return Stream.of("pg15-lexer.tsv", "pg17-lexer.tsv")
        .flatMap(
            f -> {
              try {
                return rows(f).stream();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .toList();
  }

  static List<Row> rows(String file) throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve(file), StandardCharsets.UTF_8);
    return java.util.stream.IntStream.range(0, lines.size())
        .filter(i -> !lines.get(i).startsWith("#") && !lines.get(i).isBlank())
        .mapToObj(
            i -> {
              String l = lines.get(i);
              int tab = l.indexOf('\t');
              return new Row(file, i + 1, l.substring(0, tab), unescape(l.substring(tab + 1)));
            })
        .toList();
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      sb.append(
          switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            case 'f' -> '\f';
            default -> e;
          });
    }
    return sb.toString();
  }

  @Test
  void corpusHasBothKindsOfFact() throws IOException {
    assertThat(rows().stream().filter(r -> r.outcome().startsWith("OK")).count())
        .isGreaterThan(180);
    assertThat(rows().stream().filter(r -> r.outcome().startsWith("LEXERR")).count())
        .isGreaterThan(70);
  }

  @TestFactory
  Stream<DynamicTest> agreesWithTheServer() throws IOException {
    return rows().stream()
        .filter(r -> !r.outcome().startsWith("SKIP"))
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.file() + ":" + r.line() + ": " + r.sql(), () -> check(r)));
  }

  private void check(Row r) {
    Analysis a = analyzer.analyze(r.sql());
    if (r.outcome().startsWith("OK ")) {
      int n = Integer.parseInt(r.outcome().substring(3));
      assertThat(a).as(r.sql()).isInstanceOf(Analysis.Statements.class);
      assertThat(((Analysis.Statements) a).statements()).as(r.sql()).hasSize(n);
    } else {
      String message = r.outcome().substring("LEXERR ".length());
      assertThat(a).as(r.sql()).isInstanceOf(Analysis.LexicalFailure.class);
      assertThat(((Analysis.LexicalFailure) a).error().message()).startsWith(message);
    }
  }
}

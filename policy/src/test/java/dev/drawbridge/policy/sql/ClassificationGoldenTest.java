package dev.drawbridge.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code sql/classify/NAME.sql} is analysed as one query string and must give
 * exactly {@code NAME.expected}, one line per statement:
 *
 * <pre>
 * INDEX LLINE:COLUMN CLASS COMMAND [targets=a,b.c] [set_config] [effects=f,g] [params=N]
 *     [prepared=NAME] [opaque]
 * </pre>
 *
 * or a single {@code ERROR LLINE:COLUMN message} line for input that does not lex. Lines starting
 * with {@code #} are comments. The expected files were written by hand from PostgreSQL's semantics.
 * Run with {@code -Dgolden.update=true} to rewrite them from the current output, then review the
 * diff before committing.
 */
class ClassificationGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/sql/classify");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private final SqlAnalyzer analyzer = new SqlAnalyzer();

  @TestFactory
  Stream<DynamicTest> goldenFiles() throws IOException {
    List<Path> inputs;
    try (Stream<Path> files = Files.list(DIR)) {
      inputs = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(inputs).isNotEmpty();
    return inputs.stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  @Test
  void corpusIsLargeEnough() throws IOException {
    long statements;
    try (Stream<Path> files = Files.list(DIR)) {
      statements =
          files
              .filter(p -> p.toString().endsWith(".expected"))
              .flatMap(ClassificationGoldenTest::lines)
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .count();
    }
    assertThat(statements).isGreaterThanOrEqualTo(150);
  }

  private static Stream<String> lines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void check(Path input) throws IOException {
    String sql = Files.readString(input, StandardCharsets.UTF_8);
    String actual = render(analyzer.analyze(sql));
    Path expectedFile = DIR.resolve(input.getFileName().toString().replace(".sql", ".expected"));
    if (UPDATE) {
      String header =
          Files.exists(expectedFile)
              ? Files.readAllLines(expectedFile).stream()
                  .filter(l -> l.startsWith("#"))
                  .map(l -> l + "\n")
                  .collect(Collectors.joining())
              : "";
      Files.writeString(expectedFile, header + actual, StandardCharsets.UTF_8);
      return;
    }
    String expected =
        Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.startsWith("#"))
            .map(l -> l + "\n")
            .collect(Collectors.joining());
    assertThat(actual).as(input.getFileName().toString()).isEqualTo(expected);
  }

  static String render(Analysis analysis) {
    StringBuilder sb = new StringBuilder();
    switch (analysis) {
      case Analysis.LexicalFailure f ->
          sb.append("ERROR L")
              .append(f.error().position().line())
              .append(':')
              .append(f.error().position().column())
              .append(' ')
              .append(f.error().message())
              .append('\n');
      case Analysis.Statements s -> {
        for (ClassifiedStatement st : s.statements()) {
          sb.append(st.index())
              .append(" L")
              .append(st.position().line())
              .append(':')
              .append(st.position().column())
              .append(' ')
              .append(st.statementClass());
          if (!st.command().isEmpty()) {
            sb.append(' ').append(st.command());
          }
          if (!st.targets().isEmpty()) {
            sb.append(" targets=")
                .append(
                    st.targets().stream()
                        .map(ObjectName::toString)
                        .collect(Collectors.joining(",")));
          }
          if (st.referencesSetConfig()) {
            sb.append(" set_config");
          }
          if (!st.sideEffectFunctions().isEmpty()) {
            sb.append(" effects=").append(String.join(",", st.sideEffectFunctions()));
          }
          if (st.parameterCount() > 0) {
            sb.append(" params=").append(st.parameterCount());
          }
          st.preparedStatementName().ifPresent(n -> sb.append(" prepared=").append(n));
          if (st.hasOpaqueBody()) {
            sb.append(" opaque");
          }
          sb.append('\n');
        }
      }
    }
    return sb.toString();
  }
}

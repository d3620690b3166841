package dev.drawbridge.policy.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/**
 * Every corpus statement parses; its unparsed text matches the golden file and parses back to an
 * equal tree. Regenerate the golden file with {@code -Dddl.golden.update=true}.
 */
class DdlCorpusTest {

  private final DdlParser parser = new DdlParser();

  @Test
  void corpusIsLargeEnough() {
    assertThat(Corpus.statements("corpus.sql")).hasSizeGreaterThanOrEqualTo(150);
  }

  @Test
  void everyStatementParsesUnparsesToTheGoldenTextAndRoundTrips() throws IOException {
    List<String> statements = Corpus.statements("corpus.sql");
    List<String> actual = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String sql : statements) {
      DdlParseResult result = parser.parse(sql);
      if (!(result instanceof DdlParseResult.Parsed parsed)) {
        problems.add(sql + "\n    not understood: " + result);
        actual.add("NOT UNDERSTOOD");
        continue;
      }
      String text = PgUnparser.toSql(parsed.statement());
      actual.add(text);
      DdlParseResult again = parser.parse(text);
      if (!(again instanceof DdlParseResult.Parsed reparsed)) {
        problems.add(sql + "\n    unparsed text does not parse: " + text + "\n    " + again);
        continue;
      }
      SqlNode second = reparsed.statement();
      if (!second.equalsDeep(parsed.statement(), Litmus.IGNORE)) {
        problems.add(sql + "\n    round trip changed the tree: " + text);
      }
      if (!PgUnparser.toSql(second).equals(text)) {
        problems.add(sql + "\n    unparse is not stable: " + PgUnparser.toSql(second));
      }
    }
    if (Boolean.getBoolean("ddl.golden.update")) {
      Files.write(
          Path.of("src/test/resources/ddl/corpus.expected"), actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(problems).isEmpty();
    assertThat(actual).containsExactlyElementsOf(Corpus.lines("corpus.expected"));
  }

  @Test
  void everyNegativeStatementIsNotUnderstoodWithAPosition() {
    List<String> accepted = new ArrayList<>();
    for (String sql : Corpus.statements("negative.sql")) {
      DdlParseResult result = parser.parse(sql);
      if (result instanceof DdlParseResult.NotUnderstood nu) {
        assertThat(nu.line()).as(sql).isPositive();
        assertThat(nu.column()).as(sql).isPositive();
        assertThat(nu.message()).as(sql).isNotBlank();
      } else {
        accepted.add(sql);
      }
    }
    assertThat(accepted).isEmpty();
  }
}

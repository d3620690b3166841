package dev.drawbridge.policy.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/rules.md documents exactly the rule ids in {@link RuleId}, each with all four parts. */
class RulesDocTest {

  private static final Pattern HEADING = Pattern.compile("^### `([a-z0-9-]+)`$", Pattern.MULTILINE);

  static String doc() throws IOException {
    Path p = Path.of("../docs/rules.md");
    if (!Files.exists(p)) {
      p = Path.of("docs/rules.md");
    }
    return Files.readString(p);
  }

  @Test
  void everyRuleIdIsDocumentedAndNothingElse() throws IOException {
    String doc = doc();
    Set<String> documented = new LinkedHashSet<>();
    Matcher m = HEADING.matcher(doc);
    while (m.find()) {
      assertThat(documented.add(m.group(1))).as("documented twice: " + m.group(1)).isTrue();
    }
    Set<String> inCode = Arrays.stream(RuleId.values()).map(RuleId::id).collect(Collectors.toSet());
    assertThat(documented).containsExactlyInAnyOrderElementsOf(inCode);
  }

  @Test
  void everySectionSaysWhatWhyInsteadAndVersions() throws IOException {
    String[] sections = doc().split("\n### ");
    for (int i = 1; i < sections.length; i++) {
      String s = sections[i].split("\n## ")[0];
      for (String part : new String[] {"**What:**", "**Why:**", "**Instead:**", "**Versions:**"}) {
        assertThat(s).as(s.lines().findFirst().orElse("") + " has " + part).contains(part);
      }
    }
  }

  @Test
  void ruleIdsAreStableKebabCase() {
    for (RuleId r : RuleId.values()) {
      assertThat(r.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(RuleId.byId(r.id())).contains(r);
      assertThat(r.instead()).isNotBlank();
    }
  }
}

package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/** The README's configuration reference names every serve flag and every YAML key. */
class ReadmeReferenceTest {

  private static final Path README = Path.of("..", "README.md");

  @Test
  void everyServeFlagAndFileKeyIsInTheReadme() throws Exception {
    String readme = Files.readString(README);
    var serve = new CliTestSupport().cli.commandLine().getSubcommands().get("serve");
    for (OptionSpec option : serve.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      assertThat(readme)
          .as("README documents %s", option.longestName())
          .contains("`" + option.longestName());
    }
    assertThat(ConfigKeys.all())
        .contains("listen", "upstream.url", "limits.max-message-size", "users", "roles")
        .doesNotContain("upstream", "limits");
    for (String key : ConfigKeys.all()) {
      assertThat(readme).as("README documents YAML key %s", key).contains("`" + key + "`");
    }
  }
}

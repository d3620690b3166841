package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The help of every command documents every option, taken from picocli's model. */
class CliHelpTest {

  private final CommandLine root = new CliTestSupport().cli.commandLine();

  private static List<CommandLine> allCommands(CommandLine c) {
    List<CommandLine> all = new ArrayList<>(List.of(c));
    c.getSubcommands().values().forEach(sub -> all.addAll(allCommands(sub)));
    return all;
  }

  @Test
  void everyCommandHasHelpThatDocumentsEveryOption() {
    assertThat(root.getSubcommands()).containsKeys("serve", "demo", "help");
    for (CommandLine command : allCommands(root)) {
      String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      String name = command.getCommandSpec().qualifiedName();
      assertThat(command.getCommandSpec().optionsMap())
          .as("%s has --help", name)
          .containsKey("--help");
      for (OptionSpec option : command.getCommandSpec().options()) {
        assertThat(usage)
            .as("%s --help mentions %s", name, option.longestName())
            .contains(option.longestName());
        assertThat(String.join(" ", option.description()))
            .as("%s %s has a description", name, option.longestName())
            .isNotBlank()
            .doesNotContain("null");
      }
    }
  }

  @Test
  void serveHelpStatesEveryDefault() {
    // line wrapping depends on the longest option name: compare with whitespace collapsed
    String usage =
        root.getSubcommands()
            .get("serve")
            .getUsageMessage(CommandLine.Help.Ansi.OFF)
            .replaceAll("\\s+", " ");
    assertThat(usage)
        .contains("Default: 127.0.0.1:6432")
        .contains("Default: passthrough")
        .contains("Default: enforce")
        .contains("Default: 256MB")
        .contains("Default: 1000")
        .contains("Default: 60s")
        .contains("Default: 10s")
        .contains("Default: 30s")
        .contains("${ENV_VAR}");
  }

  @Test
  void helpAndVersionExitZero() {
    CliTestSupport t = new CliTestSupport();
    assertThat(t.run("--help")).isZero();
    assertThat(t.out.toString()).contains("serve").contains("demo");

    CliTestSupport v = new CliTestSupport();
    assertThat(v.run("--version")).isZero();
    assertThat(v.out.toString()).startsWith("drawbridge ").contains("Java ");

    CliTestSupport s = new CliTestSupport();
    assertThat(s.run("serve", "--help")).isZero();
    assertThat(s.out.toString()).contains("--upstream=URL");

    CliTestSupport h = new CliTestSupport();
    assertThat(h.run("help", "demo")).isZero();
    assertThat(h.out.toString()).contains("--orders");
  }
}

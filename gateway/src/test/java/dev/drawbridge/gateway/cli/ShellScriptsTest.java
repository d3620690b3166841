package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher and the benchmark script are valid bash and executable (no build, no run). */
class ShellScriptsTest {

  private static int bashSyntaxCheck(Path script) throws Exception {
    Process p = new ProcessBuilder("bash", "-n", script.toString()).inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void launcherAndBenchmarkScriptParse() throws Exception {
    for (Path script :
        new Path[] {
          Path.of("..", "drawbridge"),
          Path.of("..", "bench", "pgbench.sh"),
          Path.of("..", "bench", "rollout.sh")
        }) {
      assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
      assertThat(bashSyntaxCheck(script)).as("bash -n %s", script).isZero();
    }
  }
}

package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong command lines exit 2 and say what was wrong and what to do. */
class CliErrorsTest {

  private static final String EXAMPLE = "../deploy/examples/drawbridge.yaml";

  @Test
  void noCommandIsAUsageError() {
    CliTestSupport t = new CliTestSupport();
    assertThat(t.run()).isEqualTo(ExitCodes.USAGE);
    assertThat(t.err.toString()).contains("name a command to run").contains("Commands:");
  }

  @Test
  void unknownOptionSuggestsAndPointsToHelp() {
    CliTestSupport t = new CliTestSupport();
    assertThat(t.run("serve", "--listne=127.0.0.1:1")).isEqualTo(ExitCodes.USAGE);
    assertThat(t.err.toString())
        .contains("Unknown option: '--listne=127.0.0.1:1'")
        .contains("--listen")
        .contains("Run 'drawbridge serve --help' to see every option.");
  }

  @Test
  void unknownCommand() {
    CliTestSupport t = new CliTestSupport();
    assertThat(t.run("server")).isEqualTo(ExitCodes.USAGE);
    assertThat(t.err.toString()).contains("serve");
  }

  @Test
  void badValuesExplainTheExpectedForm() {
    CliTestSupport t = new CliTestSupport();
    assertThat(t.run("serve", "--user", "alice:secret")).isEqualTo(ExitCodes.USAGE);
    assertThat(t.err.toString())
        .contains("Invalid value for option '--user'")
        .contains("is not NAME:PASSWORD:ROLE[,ROLE]")
        .doesNotContain("secret");

    CliTestSupport d = new CliTestSupport();
    assertThat(d.run("serve", "--idle-timeout", "5")).isEqualTo(ExitCodes.USAGE);
    assertThat(d.err.toString()).contains("'5' is not a duration");

    CliTestSupport m = new CliTestSupport();
    assertThat(m.run("serve", "--auth", "ldap")).isEqualTo(ExitCodes.USAGE);
    assertThat(m.err.toString()).contains("'ldap' is not an auth mode");

    CliTestSupport s = new CliTestSupport();
    assertThat(s.run("serve", "--max-message-size", "lots")).isEqualTo(ExitCodes.USAGE);
    assertThat(s.err.toString()).contains("'lots' is not a size");
  }

  @Test
  void missingUpstreamIsAConfigError() {
    CliTestSupport t = new CliTestSupport();
    assertThat(t.run("serve")).isEqualTo(ExitCodes.USAGE);
    assertThat(t.err.toString()).contains("No upstream PostgreSQL is configured");
  }

  @Test
  void badConfigFileIsAConfigErrorWithPosition() throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("drawbridge", ".yaml");
    try {
      java.nio.file.Files.writeString(file, "upstream:\n  url: postgresql://h/db\n  pasword: x\n");
      CliTestSupport t = new CliTestSupport();
      assertThat(t.run("serve", "--config", file.toString())).isEqualTo(ExitCodes.USAGE);
      assertThat(t.err.toString())
          .contains(file.getFileName() + ":3:3: unknown key 'pasword' in 'upstream'");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void oidcFlagsSetTheIssuerAndAudienceOverTheFile(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("drawbridge.yaml");
    java.nio.file.Files.writeString(
        file,
        "auth: gateway\nupstream:\n  url: postgresql://gw@127.0.0.1:5432/app\n"
            + "oidc:\n  issuer: https://old.example.com/realms/x\n  clock-skew: 45s\n");
    CliTestSupport t = new CliTestSupport();
    int status =
        t.run(
            "serve",
            "--config",
            file.toString(),
            "--oidc-issuer",
            "https://sso.example.com/realms/acme",
            "--oidc-audience",
            "shop",
            "--check");
    assertThat(status).as(t.err.toString()).isZero();
    assertThat(t.out.toString())
        .contains("https://sso.example.com/realms/acme audience shop")
        .contains("clock-skew 45s");
  }

  @Test
  void checkPrintsTheMergedConfigWithFlagsOverTheFile() {
    CliTestSupport t = new CliTestSupport(Map.of("DRAWBRIDGE_UPSTREAM_PASSWORD", "pw"));
    int status =
        t.run(
            "serve",
            "--config",
            EXAMPLE,
            "--listen",
            "127.0.0.1:7432",
            "--mode",
            "observe",
            "--user",
            "dave:dave-pw:engineer",
            "--check");
    assertThat(status).as(t.err.toString()).isZero();
    assertThat(t.out.toString())
        .contains("listen:                   127.0.0.1:7432")
        .contains("upstream:                 drawbridge@127.0.0.1:5432/app (password set)")
        .contains("auth:                     gateway")
        .contains("mode:                     observe")
        .contains("admin:                    127.0.0.1:8432")
        .contains("user:                     alice [engineer]")
        .contains("user:                     dave [engineer]")
        .contains("Configuration OK.");
  }

  @Test
  void aPortInUseIsReportedAsSuchWithoutStartingAnything() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliTestSupport t = new CliTestSupport();
      int status =
          t.run(
              "serve",
              "--upstream",
              "postgresql://127.0.0.1:5432/postgres",
              "--listen",
              "127.0.0.1:0",
              "--admin",
              "127.0.0.1:" + taken.getLocalPort());
      assertThat(status).isEqualTo(ExitCodes.USAGE);
      assertThat(t.err.toString()).contains("Cannot listen on").contains("--admin");
      assertThat(t.shutdownHooks).isEmpty();
    }
  }
}

package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.identity.FakeDeviceEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drawbridge login} against a local fake of the device flow endpoints. */
class LoginCommandTest {

  private final FakeDeviceEndpoints issuer = new FakeDeviceEndpoints();

  @TempDir Path tmp;

  @AfterEach
  void stop() {
    issuer.close();
  }

  @Test
  void printsTheCodeThenTheTokenOnStdout() {
    issuer.thenError("authorization_pending").thenToken(200, "{\"access_token\":\"tok-1\"}");
    CliTestSupport t = new CliTestSupport();

    int status = t.run("login", "--issuer", issuer.issuer().toString());

    assertThat(status).isEqualTo(ExitCodes.OK);
    assertThat(t.out.toString()).isEqualTo("tok-1" + System.lineSeparator());
    assertThat(t.err.toString())
        .contains("To sign in, open https://login.example/device")
        .contains("enter the code:  ABCD-EFGH")
        .contains("Signed in.");
  }

  @Test
  void savesTheTokenToAPrivateFile() throws Exception {
    issuer.thenToken(200, "{\"access_token\":\"tok-2\",\"expires_in\":300}");
    Path file = tmp.resolve("token");
    Files.writeString(file, "an old token");
    CliTestSupport t = new CliTestSupport();

    int status =
        t.run(
            "login",
            "--issuer",
            issuer.issuer().toString(),
            "--client-id",
            "my-cli",
            "--save",
            file.toString());

    assertThat(status).isEqualTo(ExitCodes.OK);
    assertThat(t.out.toString()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("tok-2\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(t.err.toString()).contains("Saved the access token to " + file);
    assertThat(issuer.tokenRequests()).singleElement().asString().contains("client_id=my-cli");
    try (var leftovers = Files.list(tmp)) {
      assertThat(leftovers).containsExactly(file);
    }
  }

  @Test
  void aDenialExitsWith1() {
    issuer.thenError("access_denied");
    CliTestSupport t = new CliTestSupport();

    assertThat(t.run("login", "--issuer", issuer.issuer().toString()))
        .isEqualTo(ExitCodes.RUNTIME_FAILURE);
    assertThat(t.err.toString()).contains("drawbridge: login failed: sign-in was denied");
    assertThat(t.out.toString()).isEmpty();
  }

  @Test
  void theIssuerMayComeFromTheEnvironment() {
    issuer.thenToken(200, "{\"access_token\":\"tok-3\"}");
    CliTestSupport t =
        new CliTestSupport(Map.of(LoginCommand.ISSUER_VARIABLE, issuer.issuer().toString()));

    assertThat(t.run("login")).isEqualTo(ExitCodes.OK);
    assertThat(t.out.toString()).startsWith("tok-3");
  }

  @Test
  void withoutAnIssuerItIsAUsageError() {
    CliTestSupport t = new CliTestSupport();
    assertThat(t.run("login")).isEqualTo(ExitCodes.USAGE);
    assertThat(t.err.toString()).contains("login needs --issuer URL");
    assertThat(t.run("login", "--issuer", "keycloak.example.com")).isEqualTo(ExitCodes.USAGE);
  }
}

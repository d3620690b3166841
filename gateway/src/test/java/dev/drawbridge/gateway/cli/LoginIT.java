package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.testkit.KeycloakExtension;
import dev.drawbridge.testkit.TestKeycloak;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drawbridge login} against the real Keycloak: the device flow is started by the command,
 * the user's part (open the URL, sign in, consent) is done by the test over HTTP as a browser
 * would, and the command saves the access token.
 */
@ExtendWith(KeycloakExtension.class)
class LoginIT {

  private static final Pattern COMPLETE = Pattern.compile("\\(or open (\\S+) ,");

  @TempDir Path tmp;

  @Test
  void theDeviceFlowEndsWithAnAccessTokenForTheUserWhoSignedIn(TestKeycloak kc) throws Exception {
    CliTestSupport t = new CliTestSupport();
    Path file = tmp.resolve("token");
    CompletableFuture<Integer> status =
        CompletableFuture.supplyAsync(
            () ->
                t.run(
                    "login",
                    "--issuer",
                    kc.issuer().toString(),
                    "--client-id",
                    "drawbridge-cli",
                    "--save",
                    file.toString()));
    Matcher m = null;
    for (int i = 0; i < 600 && !status.isDone(); i++) {
      m = COMPLETE.matcher(t.err.toString());
      if (m.find()) {
        break;
      }
      m = null;
      Thread.sleep(50);
    }
    assertThat(m).as("login printed the verification URL:\n%s", t.err).isNotNull();

    kc.approveDevice(URI.create(m.group(1)), "alice", "alice-test");

    assertThat(status.get(60, TimeUnit.SECONDS)).as(t.err.toString()).isEqualTo(ExitCodes.OK);
    String token = Files.readString(file).strip();
    String claims =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    assertThat(claims)
        .contains("\"preferred_username\":\"alice\"")
        .contains("\"aud\":\"drawbridge\"")
        .contains("\"azp\":\"drawbridge-cli\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}

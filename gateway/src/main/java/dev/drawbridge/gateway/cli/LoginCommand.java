package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.identity.DeviceLogin;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drawbridge login}: the Keycloak device flow; prints or stores the access token. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpWidth = 100,
    description = {
      "Sign in through Keycloak (OAuth 2.0 device authorization grant) and get an access token to"
          + " use as the password for the gateway: open the URL shown, in any browser, enter the"
          + " code and sign in. The token goes to stdout, or to a file with --save.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  drawbridge login --issuer https://keycloak.example.com/realms/drawbridge --save ~/.db-token",
      "  PGPASSWORD=$(cat ~/.db-token) psql \"postgresql://alice@gateway:6432/app?sslmode=require\"",
      "",
      "Exit status: 0 signed in; 1 denied, expired, or Keycloak unreachable; 2 usage error."
    })
public final class LoginCommand implements Callable<Integer> {

  /** The environment variable read when --issuer is not given. */
  static final String ISSUER_VARIABLE = "DRAWBRIDGE_OIDC_ISSUER";

  private final CliContext context;

  @Option(
      names = "--issuer",
      paramLabel = "URL",
      description =
          "The realm's issuer URL, for example https://keycloak.example.com/realms/drawbridge."
              + " Default: $"
              + ISSUER_VARIABLE
              + ".")
  private String issuer;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      defaultValue = "drawbridge-cli",
      description =
          "The public Keycloak client with the device flow enabled. Default: ${DEFAULT-VALUE}.")
  private String clientId;

  @Option(
      names = "--scope",
      paramLabel = "SCOPES",
      description = "Scopes to ask for (space-separated). Default: the client's defaults.")
  private String scope;

  @Option(
      names = "--save",
      paramLabel = "FILE",
      description =
          "Write the token to FILE (mode 0600, replaced atomically) instead of printing it.")
  private Path save;

  LoginCommand(CliContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = context.err();
    String issuerText = issuer != null ? issuer : context.environment().apply(ISSUER_VARIABLE);
    if (issuerText == null || issuerText.isBlank()) {
      err.println(
          "drawbridge: login needs --issuer URL (or $"
              + ISSUER_VARIABLE
              + "), for example https://keycloak.example.com/realms/drawbridge.");
      err.flush();
      return ExitCodes.USAGE;
    }
    URI issuerUri;
    try {
      issuerUri = new URI(issuerText);
      if (issuerUri.getScheme() == null
          || !issuerUri.getScheme().matches("https?")
          || issuerUri.getHost() == null) {
        throw new URISyntaxException(issuerText, "not an http(s) URL with a host");
      }
    } catch (URISyntaxException e) {
      err.println("drawbridge: --issuer " + issuerText + " is not an http(s) URL.");
      err.flush();
      return ExitCodes.USAGE;
    }
    DeviceLogin login =
        new DeviceLogin(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
            context.clock(),
            d -> Thread.sleep(d.toMillis()));
    try {
      DeviceLogin.Pending pending = login.start(issuerUri, clientId, Optional.ofNullable(scope));
      DeviceLogin.UserStep step = pending.userStep();
      err.println("To sign in, open " + step.verificationUri());
      err.println("and enter the code:  " + step.userCode());
      step.verificationUriComplete()
          .ifPresent(u -> err.println("(or open " + u + " , which has the code in it)"));
      err.println(
          "Waiting for you to sign in (the code is valid for "
              + step.expiresIn().toMinutes()
              + " minutes)...");
      err.flush();
      DeviceLogin.Tokens tokens = pending.awaitTokens();
      String validity = tokens.expiresAt().map(t -> " It is valid until " + t + ".").orElse("");
      if (save != null) {
        writePrivately(save, tokens.accessToken());
        err.println("Signed in. Saved the access token to " + save + "." + validity);
        err.println("Use it as the password: PGPASSWORD=$(cat " + save + ") psql ...");
      } else {
        context.out().println(tokens.accessToken());
        context.out().flush();
        err.println("Signed in." + validity);
      }
      err.flush();
      return ExitCodes.OK;
    } catch (DeviceLogin.LoginFailed e) {
      err.println("drawbridge: login failed: " + e.getMessage());
      err.flush();
      return ExitCodes.RUNTIME_FAILURE;
    } catch (IOException e) {
      err.println("drawbridge: login failed: cannot write " + save + ": " + e.getMessage());
      err.flush();
      return ExitCodes.RUNTIME_FAILURE;
    }
  }

  /** Writes through a 0600 temporary file in the same directory, then renames it into place. */
  static void writePrivately(Path file, String token) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      tmp =
          Files.createTempFile(
              dir,
              ".drawbridge-token-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      tmp = Files.createTempFile(dir, ".drawbridge-token-", ".tmp");
    }
    try {
      Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

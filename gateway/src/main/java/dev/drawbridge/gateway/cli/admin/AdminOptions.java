package dev.drawbridge.gateway.cli.admin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where the admin API is and who calls it: the options every admin command shares. */
public final class AdminOptions {

  static final String DEFAULT_ADMIN = "http://127.0.0.1:8432";

  @Option(
      names = "--admin",
      paramLabel = "URL",
      description =
          "The gateway's admin API (default: $DRAWBRIDGE_ADMIN, else " + DEFAULT_ADMIN + ").")
  String admin;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description =
          "Log in as this local user (only from the gateway's machine); without it the token in"
              + " $DRAWBRIDGE_TOKEN is used.")
  String user;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description = "The local user's password (default: $DRAWBRIDGE_PASSWORD).")
  String password;

  @Option(names = "--json", description = "Print the API's JSON answer instead of a summary.")
  boolean json;

  /** A client with these credentials; usage errors name what is missing. */
  AdminClient client(Function<String, String> environment, picocli.CommandLine cli) {
    String url =
        admin != null ? admin : orElse(environment.apply("DRAWBRIDGE_ADMIN"), DEFAULT_ADMIN);
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url : url + "/");
      if (base.getScheme() == null
          || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cli, "--admin must be an http(s) URL, not '" + url + "'");
    }
    String authorization;
    if (user != null) {
      String pw = password != null ? password : environment.apply("DRAWBRIDGE_PASSWORD");
      if (pw == null) {
        throw new ParameterException(
            cli, "--user needs a password: --password or $DRAWBRIDGE_PASSWORD");
      }
      authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
    } else {
      String token = environment.apply("DRAWBRIDGE_TOKEN");
      if (token == null || token.isBlank()) {
        throw new ParameterException(
            cli,
            "log in first: set $DRAWBRIDGE_TOKEN (drawbridge login prints one), or pass --user"
                + " and --password of a local user");
      }
      authorization = "Bearer " + token.trim();
    }
    return new AdminClient(base, authorization);
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}

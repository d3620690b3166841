package dev.drawbridge.gateway.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The client side of the OAuth 2.0 device authorization grant (RFC 8628) against an OIDC issuer:
 * discover the endpoints, ask for a device and user code, then poll the token endpoint at the
 * server's interval (5 s more after each {@code slow_down}) until the user approved, denied, or the
 * code expired.
 */
public final class DeviceLogin {

  /** The grant type of the polling requests. */
  public static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

  /** Waits between polls; real code sleeps, tests may record. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** What the user must do: open the URL and enter the code. */
  public record UserStep(
      URI verificationUri,
      Optional<URI> verificationUriComplete,
      String userCode,
      Duration expiresIn) {}

  /** The result of a successful login. */
  public record Tokens(String accessToken, Optional<Instant> expiresAt) {}

  /** The login did not succeed; the message says why in words for the user. */
  public static final class LoginFailed extends Exception {
    private static final long serialVersionUID = 1L;

    public LoginFailed(String message) {
      super(message);
    }
  }

  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ObjectMapper json = new ObjectMapper();

  public DeviceLogin(HttpClient http, Clock clock, Sleeper sleeper) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** A started login: show {@link #userStep()}, then {@link #awaitTokens()}. */
  public final class Pending {
    private final URI tokenEndpoint;
    private final String clientId;
    private final String deviceCode;
    private final UserStep userStep;
    private final Instant deadline;
    private Duration interval;

    private Pending(
        URI tokenEndpoint,
        String clientId,
        String deviceCode,
        UserStep userStep,
        Duration interval) {
      this.tokenEndpoint = tokenEndpoint;
      this.clientId = clientId;
      this.deviceCode = deviceCode;
      this.userStep = userStep;
      this.interval = interval;
      this.deadline = clock.instant().plus(userStep.expiresIn());
    }

    public UserStep userStep() {
      return userStep;
    }

    /** The current polling interval (grows after {@code slow_down}). */
    public Duration interval() {
      return interval;
    }

    /** Polls until the user approved (tokens), or denied or let the code expire (failure). */
    public Tokens awaitTokens() throws LoginFailed, InterruptedException {
      while (true) {
        if (!clock.instant().isBefore(deadline)) {
          throw new LoginFailed(
              "the code expired before sign-in was completed; run drawbridge login again");
        }
        sleeper.sleep(interval);
        HttpResponse<String> r =
            post(
                tokenEndpoint,
                Map.of(
                    "grant_type", DEVICE_CODE_GRANT,
                    "device_code", deviceCode,
                    "client_id", clientId));
        JsonNode body = parse(r, tokenEndpoint);
        if (r.statusCode() == 200) {
          String token = body.path("access_token").asText("");
          if (token.isEmpty()) {
            throw new LoginFailed("the token endpoint answered without an access_token");
          }
          Optional<Instant> expires =
              body.hasNonNull("expires_in")
                  ? Optional.of(clock.instant().plusSeconds(body.get("expires_in").asLong()))
                  : Optional.empty();
          return new Tokens(token, expires);
        }
        String error = body.path("error").asText("");
        switch (error) {
          case "authorization_pending" -> {}
          case "slow_down" -> interval = interval.plus(SLOW_DOWN_STEP);
          case "expired_token" ->
              throw new LoginFailed(
                  "the code expired before sign-in was completed; run drawbridge login again");
          case "access_denied" -> throw new LoginFailed("sign-in was denied");
          default -> throw new LoginFailed(describe("the token endpoint", r, body));
        }
      }
    }
  }

  /**
   * Discovers the issuer's endpoints and starts a device authorization.
   *
   * @throws LoginFailed when the issuer cannot be reached or refuses the client
   */
  public Pending start(URI issuer, String clientId, Optional<String> scope)
      throws LoginFailed, InterruptedException {
    URI discovery = URI.create(stripSlash(issuer.toString()) + "/.well-known/openid-configuration");
    HttpResponse<String> d = get(discovery);
    JsonNode doc = parse(d, discovery);
    if (d.statusCode() != 200) {
      throw new LoginFailed(
          "cannot read "
              + discovery
              + " (HTTP "
              + d.statusCode()
              + "); check --issuer (for Keycloak: https://HOST/realms/REALM)");
    }
    String deviceEndpoint = doc.path("device_authorization_endpoint").asText("");
    String tokenEndpoint = doc.path("token_endpoint").asText("");
    if (deviceEndpoint.isEmpty() || tokenEndpoint.isEmpty()) {
      throw new LoginFailed(
          "the issuer " + issuer + " does not offer the device authorization grant");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("client_id", clientId);
    scope.ifPresent(s -> params.put("scope", s));
    URI device = URI.create(deviceEndpoint);
    HttpResponse<String> r = post(device, params);
    JsonNode body = parse(r, device);
    if (r.statusCode() != 200) {
      String error = body.path("error").asText("");
      if (error.equals("unauthorized_client") || error.equals("invalid_client")) {
        throw new LoginFailed(
            "the client '"
                + clientId
                + "' may not use the device flow ("
                + body.path("error_description").asText(error)
                + "); in Keycloak, enable 'OAuth 2.0 Device Authorization Grant' on a public"
                + " client");
      }
      throw new LoginFailed(describe("the device authorization endpoint", r, body));
    }
    String deviceCode = body.path("device_code").asText("");
    String userCode = body.path("user_code").asText("");
    String verification = body.path("verification_uri").asText("");
    if (deviceCode.isEmpty() || userCode.isEmpty() || verification.isEmpty()) {
      throw new LoginFailed("the device authorization endpoint answered an incomplete response");
    }
    Optional<URI> complete =
        body.hasNonNull("verification_uri_complete")
            ? Optional.of(URI.create(body.get("verification_uri_complete").asText()))
            : Optional.empty();
    Duration expiresIn = Duration.ofSeconds(body.path("expires_in").asLong(600));
    Duration interval = Duration.ofSeconds(Math.max(1, body.path("interval").asLong(5)));
    return new Pending(
        URI.create(tokenEndpoint),
        clientId,
        deviceCode,
        new UserStep(URI.create(verification), complete, userCode, expiresIn),
        interval);
  }

  private static String describe(String what, HttpResponse<String> r, JsonNode body) {
    String error = body.path("error").asText("");
    String description = body.path("error_description").asText("");
    return what
        + " answered HTTP "
        + r.statusCode()
        + (error.isEmpty() ? "" : ": " + error)
        + (description.isEmpty() ? "" : " (" + description + ")");
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private HttpResponse<String> get(URI uri) throws LoginFailed, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build(), uri);
  }

  private HttpResponse<String> post(URI uri, Map<String, String> form)
      throws LoginFailed, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        uri);
  }

  private HttpResponse<String> send(HttpRequest request, URI uri)
      throws LoginFailed, InterruptedException {
    try {
      return http.send(
          HttpRequest.newBuilder(request, (k, v) -> true).timeout(HTTP_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LoginFailed("cannot reach " + uri + ": " + e);
    }
  }

  private JsonNode parse(HttpResponse<String> r, URI uri) throws LoginFailed {
    try {
      return json.readTree(r.body());
    } catch (IOException e) {
      throw new LoginFailed(
          uri + " answered HTTP " + r.statusCode() + " with something that is not JSON");
    }
  }
}

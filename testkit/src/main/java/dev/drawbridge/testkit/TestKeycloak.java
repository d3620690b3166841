package dev.drawbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A running Keycloak with the {@code drawbridge} test realm (see {@code
 * keycloak/drawbridge-realm.json}): realm roles engineer, approver, auditor, agent; users alice,
 * bob, carol (password NAME-test); public client {@code drawbridge-cli} (device flow), public
 * client {@code drawbridge-test} (password grant and device flow), both adding the audience {@value
 * #AUDIENCE}; {@code other-app} (password grant, no gateway audience); confidential {@code
 * agent-bot} (client credentials, secret {@value #AGENT_SECRET}, service account role agent, user
 * name {@code service-account-agent-bot}).
 */
public final class TestKeycloak {

  public static final String REALM = "drawbridge";
  public static final String AUDIENCE = "drawbridge";
  public static final String AGENT_CLIENT = "agent-bot";
  public static final String AGENT_SECRET = "agent-bot-secret";
  public static final String AGENT_USER = "service-account-agent-bot";
  static final String ADMIN_USER = "admin";
  static final String ADMIN_PASSWORD = "admin-test";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  TestKeycloak(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** For example {@code http://127.0.0.1:PORT}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The realm's issuer URL (the {@code iss} of its tokens). */
  public URI issuer() {
    return URI.create(baseUrl + "/realms/" + REALM);
  }

  /** The realm's token endpoint. */
  public URI tokenEndpoint() {
    return URI.create(issuer() + "/protocol/openid-connect/token");
  }

  /** An access token for a user, by the password grant through {@code drawbridge-test}. */
  public String passwordGrant(String user, String password) {
    return passwordGrant("drawbridge-test", user, password);
  }

  /** An access token for a user, by the password grant through a public client. */
  public String passwordGrant(String clientId, String user, String password) {
    return tokenResponse(
            Map.of(
                "grant_type", "password",
                "client_id", clientId,
                "username", user,
                "password", password))
        .path("access_token")
        .asText();
  }

  /** An access token for the agent client, by the client credentials grant. */
  public String clientCredentials(String clientId, String secret) {
    return tokenResponse(
            Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", secret))
        .path("access_token")
        .asText();
  }

  /**
   * Adds a new RSA signing key with a higher priority than every existing one, so that new tokens
   * are signed with it (the old key stays published for tokens already issued).
   *
   * @return the new key's id
   */
  public String rotateSigningKey() {
    String admin = adminToken();
    JsonNode realm = get("/admin/realms/" + REALM, admin);
    String realmId = realm.path("id").asText();
    long priority = System.currentTimeMillis();
    String component =
        "{\"name\":\"rotated-"
            + priority
            + "\",\"providerId\":\"rsa-generated\",\"providerType\":\"org.keycloak.keys.KeyProvider\","
            + "\"parentId\":\""
            + realmId
            + "\",\"config\":{\"priority\":[\""
            + priority
            + "\"],\"enabled\":[\"true\"],\"active\":[\"true\"],\"algorithm\":[\"RS256\"],"
            + "\"keySize\":[\"2048\"]}}";
    send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + REALM + "/components"))
            .header("Authorization", "Bearer " + admin)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(component)),
        201);
    JsonNode keys = get("/admin/realms/" + REALM + "/keys", admin);
    String kid = keys.path("active").path("RS256").asText();
    if (kid.isEmpty()) {
      throw new IllegalStateException("no active RS256 key after rotation: " + keys);
    }
    return kid;
  }

  /**
   * Does what a person does in the browser for the device authorization grant: opens the
   * verification URL (with the user code in it), signs in, and grants consent if asked.
   */
  public void approveDevice(URI verificationUriComplete, String user, String password) {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new PlainCookieJar())
            .followRedirects(HttpClient.Redirect.ALWAYS)
            .build();
    String page = browse(browser, HttpRequest.newBuilder(verificationUriComplete).GET());
    String login = formAction(page, verificationUriComplete);
    page =
        browse(
            browser,
            HttpRequest.newBuilder(URI.create(login))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form(Map.of("username", user, "password", password)))));
    if (page.contains("name=\"accept\"")) {
      java.util.regex.Matcher code =
          java.util.regex.Pattern.compile("name=\"code\" value=\"([^\"]*)\"").matcher(page);
      if (!code.find()) {
        throw new IllegalStateException("the consent page has no code field");
      }
      page =
          browse(
              browser,
              HttpRequest.newBuilder(URI.create(formAction(page, verificationUriComplete)))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form(Map.of("code", code.group(1), "accept", "Yes")))));
    }
    if (page.contains("name=\"password\"") || page.contains("name=\"accept\"")) {
      throw new IllegalStateException("the device was not approved; Keycloak showed another form");
    }
  }

  private static String formAction(String page, URI base) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("action=\"([^\"]+)\"").matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("no form on the Keycloak page");
    }
    return base.resolve(m.group(1).replace("&amp;", "&")).toString();
  }

  private static String browse(HttpClient browser, HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          browser.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "Keycloak answered HTTP " + r.statusCode() + " to " + r.request().uri());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An admin token for the master realm's bootstrap admin. */
  public String adminToken() {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    form(
                        Map.of(
                            "grant_type",
                            "password",
                            "client_id",
                            "admin-cli",
                            "username",
                            ADMIN_USER,
                            "password",
                            ADMIN_PASSWORD))));
    return parse(send(request, 200)).path("access_token").asText();
  }

  private JsonNode tokenResponse(Map<String, String> params) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(tokenEndpoint())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    return parse(send(request, 200));
  }

  private JsonNode get(String path, String bearer) {
    return parse(
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + bearer)
                .GET(),
            200));
  }

  private String send(HttpRequest.Builder request, int expectedStatus) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            "Keycloak answered HTTP "
                + response.statusCode()
                + " to "
                + response.request().method()
                + " "
                + response.request().uri()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An {@code application/x-www-form-urlencoded} body. */
  public static String form(Map<String, String> params) {
    return new LinkedHashMap<>(params)
        .entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  /**
   * Keeps every cookie by name and sends all of them back, ignoring attributes. The JDK's
   * CookieManager withholds {@code Secure} cookies on http, and Keycloak marks its session cookies
   * Secure even on http://127.0.0.1 (browsers treat loopback as a secure context).
   */
  private static final class PlainCookieJar extends java.net.CookieHandler {
    private final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Map<String, java.util.List<String>> get(
        URI uri, Map<String, java.util.List<String>> requestHeaders) {
      if (cookies.isEmpty()) {
        return Map.of();
      }
      String header =
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; "));
      return Map.of("Cookie", java.util.List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, java.util.List<String>> responseHeaders) {
      responseHeaders.forEach(
          (name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
              for (String v : values) {
                String pair = v.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                  String key = pair.substring(0, eq).trim();
                  String value = pair.substring(eq + 1).trim();
                  if (value.isEmpty()
                      || v.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(key);
                  } else {
                    cookies.put(key, value);
                  }
                }
              }
            }
          });
    }
  }
}

package dev.drawbridge.admin.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.drawbridge.admin.api.auth.AdminAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches API requests: finds the route (404, or 405 with Allow), authenticates the caller
 * (401), checks the route's roles (403), reads a JSON body of at most {@value #MAX_BODY_BYTES}
 * bytes (400 when malformed, 413 when too large, 415 when not JSON), runs the handler and writes
 * its answer as JSON. Handlers refuse with {@link ApiException}; anything else is a 500 whose
 * details go to the log, not to the caller.
 */
public final class ApiRouter implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final String JSON = "application/json; charset=utf-8";

  private final List<Route> routes;
  private final AdminAuthenticator authenticator;
  private final ObjectMapper json;

  public ApiRouter(List<Route> routes, AdminAuthenticator authenticator) {
    this.routes = List.copyOf(routes);
    this.authenticator = authenticator;
    this.json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** The routes, for the OpenAPI consistency check. */
  public List<Route> routes() {
    return routes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      ApiResponse response = dispatch(exchange);
      send(exchange, response.status(), response.body());
    } catch (ApiException e) {
      if (e.status() == 401) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"drawbridge\"");
      }
      send(exchange, e.status(), error(e.status(), e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      log.error("admin API request {} {} failed", exchange.getRequestMethod(), path(exchange), e);
      send(
          exchange,
          500,
          error(500, "internal_error", "the gateway failed to answer; its log has the details"));
    } finally {
      exchange.close();
    }
  }

  private ApiResponse dispatch(HttpExchange exchange) throws IOException {
    List<String> segments = Route.segments(path(exchange));
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> parameters = route.match(segments);
      if (parameters.isEmpty()) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      AdminPrincipal principal =
          authenticator.authenticate(
              exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRemoteAddress());
      if (!principal.hasAnyRole(route.roles())) {
        throw ApiException.forbidden(
            principal.name() + " may not do this: it needs one of the roles " + route.roles());
      }
      JsonNode body = readBody(exchange);
      return route
          .handler()
          .handle(new ApiRequest(principal, parameters.get(), query(exchange), body));
    }
    if (!allowed.isEmpty()) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
      throw new ApiException(
          405, "method_not_allowed", method + " is not allowed here; use " + allowed);
    }
    throw ApiException.notFound("no such API path: " + path(exchange));
  }

  private static String path(HttpExchange exchange) {
    return exchange.getRequestURI().getPath();
  }

  private JsonNode readBody(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException(
          413, "payload_too_large", "the request body exceeds " + MAX_BODY_BYTES + " bytes");
    }
    if (bytes.length == 0) {
      return NullNode.getInstance();
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(
          415, "unsupported_media_type", "send the request body as application/json");
    }
    try {
      JsonNode body = json.readTree(bytes);
      return body == null ? NullNode.getInstance() : body;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "the request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, List<String>> query(HttpExchange exchange) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed query string");
    }
  }

  private static Map<String, Object> error(int status, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("status", status);
    error.put("code", code);
    error.put("message", message);
    return Map.of("error", error);
  }

  private void send(HttpExchange exchange, int status, Object body) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

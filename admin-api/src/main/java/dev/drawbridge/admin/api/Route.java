package dev.drawbridge.admin.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One operation of the API: a method, a path template such as {@code /api/v1/sessions/{id}}, the
 * roles that may call it, and the handler.
 */
public record Route(String method, String template, Set<String> roles, Handler handler) {

  /** Answers an authenticated, authorized request. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request);
  }

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(handler, "handler");
    roles = Set.copyOf(roles);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a route must name the roles that may call it");
    }
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("a path template starts with /: " + template);
    }
  }

  public static Route get(String template, Set<String> roles, Handler handler) {
    return new Route("GET", template, roles, handler);
  }

  public static Route post(String template, Set<String> roles, Handler handler) {
    return new Route("POST", template, roles, handler);
  }

  public static Route delete(String template, Set<String> roles, Handler handler) {
    return new Route("DELETE", template, roles, handler);
  }

  /** The path's parameters when it matches the template, else empty. */
  Optional<Map<String, String>> match(List<String> segments) {
    List<String> parts = segments(template);
    if (parts.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      String segment = segments.get(i);
      if (part.startsWith("{") && part.endsWith("}")) {
        if (segment.isEmpty()) {
          return Optional.empty();
        }
        parameters.put(part.substring(1, part.length() - 1), segment);
      } else if (!part.equals(segment)) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }

  static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return List.of(trimmed.split("/", -1));
  }
}

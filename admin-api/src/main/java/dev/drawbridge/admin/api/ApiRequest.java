package dev.drawbridge.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One authenticated API call.
 *
 * @param principal who calls
 * @param pathParameters the values of the route's {@code {name}} segments
 * @param query the query string's parameters
 * @param body the JSON body ({@link NullNode} when there is none)
 */
public record ApiRequest(
    AdminPrincipal principal,
    Map<String, String> pathParameters,
    Map<String, List<String>> query,
    JsonNode body) {

  public ApiRequest {
    pathParameters = Map.copyOf(pathParameters);
    query = Map.copyOf(query);
    body = body == null ? NullNode.getInstance() : body;
  }

  /** A path parameter; the route guarantees it is there. */
  public String path(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalStateException("the route has no parameter " + name);
    }
    return value;
  }

  /** A path parameter that must be a positive whole number. */
  public long pathNumber(String name) {
    String value = path(name);
    try {
      long n = Long.parseLong(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(name + " must be a positive whole number, not \"" + value + "\"");
  }

  /** The last value of a query parameter. */
  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(values.size() - 1));
  }

  /** A text field of the JSON body, if present; a non-text value is refused. */
  public Optional<String> text(String field) {
    if (!body.isObject() && !body.isNull()) {
      throw ApiException.badRequest("the request body must be a JSON object");
    }
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest("\"" + field + "\" must be a string");
    }
    return Optional.of(node.asText());
  }

  /** A required text field of the JSON body. */
  public String requiredText(String field) {
    return text(field)
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> ApiException.badRequest("\"" + field + "\" is required"));
  }
}

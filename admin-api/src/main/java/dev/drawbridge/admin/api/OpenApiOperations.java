package dev.drawbridge.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operations the OpenAPI document describes ("GET /api/v1/sessions" → its roles), so that tests
 * can hold the document and the routes to each other.
 */
public final class OpenApiOperations {

  private OpenApiOperations() {}

  /** Every documented operation and its {@code x-drawbridge-roles}. */
  public static Map<String, Set<String>> documented() {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(OpenApiHandler.load());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Set<String>> operations = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        Set<String> roles = new LinkedHashSet<>();
        JsonNode declared = op.getValue().get("x-drawbridge-roles");
        if (declared != null) {
          declared.forEach(r -> roles.add(r.asText()));
        }
        operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), roles);
      }
    }
    return operations;
  }

  /** The routes as "METHOD /template" → roles, in the same shape. */
  public static Map<String, Set<String>> served(Iterable<Route> routes) {
    Map<String, Set<String>> operations = new TreeMap<>();
    for (Route r : routes) {
      operations.put(r.method() + " " + r.template(), r.roles());
    }
    return operations;
  }
}

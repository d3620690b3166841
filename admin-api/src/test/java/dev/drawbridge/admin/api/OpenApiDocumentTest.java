package dev.drawbridge.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.admin.api.sessions.LiveSessions;
import dev.drawbridge.admin.api.sessions.SessionView;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes the API serves, with their roles. */
class OpenApiDocumentTest {

  private static final LiveSessions NONE =
      new LiveSessions() {
        @Override
        public List<SessionView> list() {
          return List.of();
        }

        @Override
        public boolean end(long sessionId, String reason) {
          return false;
        }
      };

  @Test
  void everyRouteIsDocumentedWithItsRolesAndNothingElseIs() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(OpenApiHandler.load());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    Map<String, Set<String>> documentedRoles = new java.util.HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String key = op.getKey().toUpperCase() + " " + path.getKey();
        documented.add(key);
        Set<String> roles = new HashSet<>();
        op.getValue().get("x-drawbridge-roles").forEach(r -> roles.add(r.asText()));
        documentedRoles.put(key, roles);
        assertThat(op.getValue().get("responses").has("401")).as(key + " documents 401").isTrue();
        assertThat(op.getValue().get("responses").has("403")).as(key + " documents 403").isTrue();
      }
    }
    Set<String> served = new TreeSet<>();
    for (Route route : new AdminApi(NONE).routes()) {
      String key = route.method() + " " + route.template();
      served.add(key);
      assertThat(documentedRoles.get(key)).as("roles of " + key).isEqualTo(route.roles());
    }
    assertThat(documented).isEqualTo(served);
  }
}

package dev.drawbridge.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.admin.api.sessions.LiveSessions;
import dev.drawbridge.admin.api.sessions.SessionView;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes the routes admin-api serves with their roles (the gateway's own
 * test holds the whole document to all routes, including the workflow's).
 */
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
  void everyRouteIsDocumentedWithItsRoles() {
    Map<String, Set<String>> documented = OpenApiOperations.documented();
    OpenApiOperations.served(new AdminApi(NONE).routes())
        .forEach((op, roles) -> assertThat(documented.get(op)).as(op).isEqualTo(roles));
  }

  @Test
  void everyOperationDocumentsItsAuthenticationErrors() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(OpenApiHandler.load());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fields()
          .forEachRemaining(
              op -> {
                JsonNode responses = op.getValue().get("responses");
                assertThat(responses.has("401")).as(op.getKey() + " " + path.getKey()).isTrue();
                assertThat(responses.has("403")).as(op.getKey() + " " + path.getKey()).isTrue();
                assertThat(op.getValue().get("x-drawbridge-roles"))
                    .as(op.getKey() + " " + path.getKey())
                    .isNotNull();
              });
    }
  }
}

package dev.drawbridge.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.admin.api.AdminApi;
import dev.drawbridge.admin.api.OpenApiOperations;
import dev.drawbridge.admin.api.sessions.LiveSessions;
import dev.drawbridge.admin.api.sessions.SessionView;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes a gateway with a state store serves. */
class AdminRoutesDocumentedTest {

  @Test
  void theDocumentAndTheRoutesAgree() {
    LiveSessions none =
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
    // routes() only describes the operations; it calls nothing on the workflow
    AdminApi api = new AdminApi(none, new WorkflowApi(null, Clock.systemUTC()).routes());
    assertThat(OpenApiOperations.served(api.routes())).isEqualTo(OpenApiOperations.documented());
  }
}

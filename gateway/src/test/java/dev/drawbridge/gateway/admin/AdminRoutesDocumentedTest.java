package dev.drawbridge.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.admin.api.AdminApi;
import dev.drawbridge.admin.api.OpenApiOperations;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes a gateway with a state store serves. */
class AdminRoutesDocumentedTest {

  @Test
  void theDocumentAndTheRoutesAgree() {
    // routes() only describes the operations; it calls nothing on the workflow
    AdminApi api =
        new AdminApi(
            WorkflowServer.NO_SESSIONS,
            java.util.stream.Stream.concat(
                    new WorkflowApi(null, Clock.systemUTC()).routes().stream(),
                    new dev.drawbridge.gateway.audit.AuditApi(null).routes().stream())
                .toList());
    assertThat(OpenApiOperations.served(api.routes())).isEqualTo(OpenApiOperations.documented());
  }
}

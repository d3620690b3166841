package dev.drawbridge.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.admin.api.AdminApi;
import dev.drawbridge.admin.api.OpenApiOperations;
import dev.drawbridge.admin.api.Route;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routes a gateway with a state store serves. */
class AdminRoutesDocumentedTest {

  @Test
  void theDocumentAndTheRoutesAgree() {
    // routes() only describes the operations; it calls nothing on the workflow
    List<Route> routes = new ArrayList<>(new WorkflowApi(null, Clock.systemUTC()).routes());
    routes.addAll(new RolloutApi(Optional.empty(), Clock.systemUTC()).routes());
    routes.addAll(new dev.drawbridge.gateway.audit.AuditApi(null).routes());
    AdminApi api = new AdminApi(WorkflowServer.NO_SESSIONS, routes);
    assertThat(OpenApiOperations.served(api.routes())).isEqualTo(OpenApiOperations.documented());
  }
}

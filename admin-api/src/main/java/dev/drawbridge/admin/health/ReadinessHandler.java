package dev.drawbridge.admin.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code GET /ready}: 200 with {@code {"status":"ready"}} when the check passes, else 503 with the
 * problems, so that a load balancer sends no clients to a gateway that cannot serve them.
 */
public final class ReadinessHandler implements HttpHandler {

  private final ReadinessCheck check;

  public ReadinessHandler(ReadinessCheck check) {
    this.check = Objects.requireNonNull(check, "check");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!Responses.requireGet(exchange)) {
      return;
    }
    Readiness r;
    try {
      r = check.check();
    } catch (RuntimeException e) {
      r = Readiness.notReady(java.util.List.of("readiness check failed: " + e));
    }
    if (r.ready()) {
      Responses.send(exchange, 200, Responses.JSON, "{\"status\":\"ready\"}");
    } else {
      String problems =
          r.problems().stream().map(Responses::quote).collect(Collectors.joining(",", "[", "]"));
      Responses.send(
          exchange,
          503,
          Responses.JSON,
          "{\"status\":\"not ready\",\"problems\":" + problems + "}");
    }
  }
}

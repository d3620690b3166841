package dev.drawbridge.admin.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /health}: liveness. 200 whenever the process can answer HTTP at all. */
public final class HealthHandler implements HttpHandler {

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (Responses.requireGet(exchange)) {
      Responses.send(exchange, 200, Responses.JSON, "{\"status\":\"up\"}");
    }
  }
}

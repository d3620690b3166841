package dev.drawbridge.admin.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Objects;

/** {@code GET /metrics}: every meter of the registry in the Prometheus text format. */
public final class MetricsHandler implements HttpHandler {

  /** The Prometheus text exposition format, version 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsHandler(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (Responses.requireGet(exchange)) {
      Responses.send(exchange, 200, CONTENT_TYPE, registry.scrape());
    }
  }
}

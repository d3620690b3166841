package dev.drawbridge.admin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.admin.health.HealthHandler;
import dev.drawbridge.admin.health.MetricsHandler;
import dev.drawbridge.admin.health.Readiness;
import dev.drawbridge.admin.health.ReadinessHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Readiness> readiness =
      new AtomicReference<>(Readiness.notReady(List.of("proxy not bound yet")));
  private final HttpClient http = HttpClient.newHttpClient();
  private AdminServer server;
  private URI base;

  @BeforeEach
  void start() {
    server =
        new AdminServer(
            new InetSocketAddress("127.0.0.1", 0),
            Map.of(
                "/health", new HealthHandler(),
                "/ready", new ReadinessHandler(readiness::get),
                "/metrics", new MetricsHandler(registry)));
    InetSocketAddress bound = server.start();
    base = URI.create("http://127.0.0.1:" + bound.getPort());
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsAlwaysUp() throws Exception {
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"up\"}");
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
  }

  @Test
  void readyFollowsTheCheck() throws Exception {
    HttpResponse<String> notReady = get("/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body()).contains("\"problems\":[\"proxy not bound yet\"]");

    readiness.set(Readiness.ok());
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    registry.counter("drawbridge.test.events", "kind", "demo").increment(3);

    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(MetricsHandler.CONTENT_TYPE);
    assertThat(r.body())
        .contains("# TYPE drawbridge_test_events_total counter")
        .contains("drawbridge_test_events_total{kind=\"demo\"} 3.0");
  }

  @Test
  void unknownPathsAndPrefixesAre404AndOtherMethods405() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/healthz").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(base.resolve("/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }
}

package dev.drawbridge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.ChangeRequestTicket;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import dev.drawbridge.proxy.gate.RecordingStatementGate;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The whole demo on free ports with a small dataset: alice connects with pgjdbc through the gateway
 * over TLS and reads orders; a gateway that fails to start leaves nothing behind.
 */
class DemoIT {

  private static final SampleData.Scale SMALL = new SampleData.Scale(100, 10, 1_000);

  @Test
  void aliceReadsOrdersThroughTheGatewayOverTls() throws Exception {
    List<String> progress = new ArrayList<>();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Demo demo =
        Demo.start(
            new DemoOptions("127.0.0.1", 0, 0, SMALL),
            ScramVerifiers::create,
            (config, desk, m, clock) -> new RecordingStatementGate(m, clock),
            meters,
            Clock.systemUTC(),
            progress::add);
    try {
      Demo.Endpoints e = demo.endpoints();
      DemoUser alice = DemoUser.ALL.get(0);
      Properties props = new Properties();
      props.setProperty("user", alice.name());
      props.setProperty("password", alice.password());
      props.setProperty("sslmode", "require");
      String url =
          "jdbc:postgresql://127.0.0.1:" + e.proxy().getPort() + "/" + DemoDatabase.DATABASE;
      try (Connection c = DriverManager.getConnection(url, props);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*), sum(quantity) > 0, current_setting('ssl') FROM orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(SMALL.orders());
        assertThat(rs.getBoolean(2)).isTrue();
      }
      try (HttpClient http = HttpClient.newHttpClient()) {
        URI base = URI.create("http://127.0.0.1:" + e.admin().orElseThrow().getPort());
        assertThat(
                http.send(
                        HttpRequest.newBuilder(base.resolve("/ready")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode())
            .isEqualTo(200);
      }
      // the embedded PostgreSQL is the state store: requests and grants work
      assertThat(progress).contains("migrating the state store");
      ChangeRequestTicket ticket =
          demo.workflow()
              .openOrReuse(
                  new ChangeRequestDraft(
                      alice.name(),
                      false,
                      DemoDatabase.DATABASE,
                      "ALTER TABLE orders ADD COLUMN ref uuid",
                      "fp-demo",
                      "{}",
                      "{}",
                      "{}",
                      "needs approval"));
      demo.workflow()
          .approve(ticket.id(), Principal.human("bob", "approver"), "ok", Optional.empty());
      assertThat(demo.workflow().usablePlanGrant(alice.name(), DemoDatabase.DATABASE, "fp-demo"))
          .isPresent();
      assertThat(e.url(alice))
          .isEqualTo(
              "postgresql://alice:alice-demo@127.0.0.1:"
                  + e.proxy().getPort()
                  + "/shop?sslmode=require");
    } finally {
      demo.close();
    }
    assertThat(Files.exists(demo.directory())).as("temporary files removed").isFalse();
  }

  @Test
  void everythingIsRemovedWhenTheGatewayCannotStart() throws Exception {
    // the admin port is taken only after the demo checked it, so the gateway fails to bind late:
    // PostgreSQL must still be stopped and the temporary files deleted
    List<String> before = leftoverDemoDirectories();
    try (java.net.ServerSocket blocker = new java.net.ServerSocket()) {
      java.util.concurrent.atomic.AtomicBoolean blocked =
          new java.util.concurrent.atomic.AtomicBoolean();
      int adminPort = freePort();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  Demo.start(
                      new DemoOptions("127.0.0.1", 0, adminPort, SMALL),
                      ScramVerifiers::create,
                      (config, desk, m, clock) ->
                          (session, statement) -> dev.drawbridge.proxy.gate.GateDecision.allow(),
                      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                      Clock.systemUTC(),
                      step -> {
                        if (step.equals("starting the gateway") && !blocked.getAndSet(true)) {
                          try {
                            blocker.bind(new java.net.InetSocketAddress("127.0.0.1", adminPort));
                          } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                          }
                        }
                      }))
          .hasMessageContaining("cannot listen on");
      assertThat(blocked).isTrue();
    }
    assertThat(leftoverDemoDirectories()).isEqualTo(before);
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<String> leftoverDemoDirectories() {
    java.io.File tmp = new java.io.File(System.getProperty("java.io.tmpdir"));
    String[] names = tmp.list((d, n) -> n.startsWith("drawbridge-demo-"));
    return names == null ? List.of() : List.of(names);
  }
}

package dev.drawbridge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.drawbridge.gateway.runtime.PendingProxyFeatures;
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
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The whole demo on free ports with a small dataset: alice connects with pgjdbc through the gateway
 * over TLS and reads orders. Until the proxy module provides a working ProxyServer and
 * ScramVerifiers, it aborts (reported as skipped) with the reason.
 */
class DemoIT {

  private static final SampleData.Scale SMALL = new SampleData.Scale(100, 10, 1_000);

  /** A real verifier (of another password), computed by PostgreSQL. */
  private static final String WELL_FORMED_VERIFIER =
      "SCRAM-SHA-256$4096:yH5TuUXk8lJxoriwM3sr3A==$iFgtOAr9/7KC0/4XSYgUEXZpd58I779qQihsA9PumR8="
          + ":8B6aYfNDR9U4nawIy+TvF3b20oZvy381F+duFD2wgvk=";

  @Test
  void aliceReadsOrdersThroughTheGatewayOverTls() throws Exception {
    List<String> progress = new ArrayList<>();
    Demo demo;
    try {
      demo =
          Demo.start(
              new DemoOptions("127.0.0.1", 0, 0, SMALL),
              PendingProxyFeatures.scramVerifiers(),
              PendingProxyFeatures.allowAllGate(),
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
              Clock.systemUTC(),
              progress::add);
    } catch (UnsupportedOperationException e) {
      abort("waiting for the proxy module: " + e.getMessage());
      return;
    }
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
  void everythingIsRemovedWhenTheGatewayCannotStart() {
    // a stand-in converter lets the demo get as far as the gateway; if the proxy cannot start
    // yet, the demo must still stop PostgreSQL and delete its files
    List<String> progress = new ArrayList<>();
    java.nio.file.Path[] directory = new java.nio.file.Path[1];
    try (Demo demo =
        Demo.start(
            new DemoOptions("127.0.0.1", 0, 0, SMALL),
            p -> WELL_FORMED_VERIFIER,
            PendingProxyFeatures.allowAllGate(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Clock.systemUTC(),
            progress::add)) {
      directory[0] = demo.directory();
      assertThat(progress).last().asString().startsWith("ready in");
    } catch (UnsupportedOperationException e) {
      assertThat(progress)
          .contains(
              "starting an embedded PostgreSQL", "sample data: analyzing", "starting the gateway");
      assertThat(leftoverDemoDirectories()).isEmpty();
      return;
    }
    assertThat(Files.exists(directory[0])).isFalse();
  }

  private static List<String> leftoverDemoDirectories() {
    java.io.File tmp = new java.io.File(System.getProperty("java.io.tmpdir"));
    String[] names = tmp.list((d, n) -> n.startsWith("drawbridge-demo-"));
    return names == null ? List.of() : List.of(names);
  }
}

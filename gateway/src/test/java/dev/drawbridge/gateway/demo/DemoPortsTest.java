package dev.drawbridge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.gate.GateDecision;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DemoPortsTest {

  @Test
  void aTakenPortFailsFastWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      DemoOptions options =
          new DemoOptions("127.0.0.1", taken.getLocalPort(), 0, new SampleData.Scale(1, 1, 0));
      assertThatThrownBy(
              () ->
                  Demo.start(
                      options,
                      p -> {
                        throw new AssertionError("must fail before converting passwords");
                      },
                      (config, desk, m, clock) -> (s, st) -> GateDecision.allow(),
                      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                      Clock.systemUTC(),
                      step -> {}))
          .isInstanceOf(Demo.PortInUseException.class)
          .hasMessageContaining("Port " + taken.getLocalPort())
          .hasMessageContaining("is already in use")
          .hasMessageContaining("--port");
    }
  }
}

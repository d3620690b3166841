package dev.drawbridge.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamProbeTest {

  @Test
  void reachableWhenSomethingListens() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      UpstreamProbe probe =
          new UpstreamProbe("127.0.0.1", upstream.getLocalPort(), Duration.ofSeconds(1));
      assertThat(probe.problem()).isEmpty();
    }
  }

  @Test
  void notReachableSaysWhichUpstreamAndWhy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    UpstreamProbe probe = new UpstreamProbe("127.0.0.1", port, Duration.ofSeconds(1));
    assertThat(probe.problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("upstream 127.0.0.1:" + port + " is not reachable ("));
  }
}

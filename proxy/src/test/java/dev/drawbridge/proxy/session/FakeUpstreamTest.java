package dev.drawbridge.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.ProxyServer;
import dev.drawbridge.proxy.gate.GateDecision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Behaviour that needs an upstream a real PostgreSQL would not produce on a plain connection: a
 * fake upstream that offers SCRAM-SHA-256-PLUS.
 */
class FakeUpstreamTest {

  private static byte[] sasl(String... mechanisms) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 0, 0, 10});
    for (String m : mechanisms) {
      body.writeBytes(m.getBytes(StandardCharsets.US_ASCII));
      body.write(0);
    }
    body.write(0);
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    msg.write('R');
    int len = body.size() + 4;
    msg.writeBytes(
        new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
    msg.writeBytes(body.toByteArray());
    return msg.toByteArray();
  }

  private static List<String> mechanismsSeenByClient(String... offered) throws Exception {
    try (ServerSocket fake = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> upstream =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = fake.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  int len = in.readInt();
                  in.readFully(new byte[len - 4]);
                  s.getOutputStream().write(sasl(offered));
                  s.getOutputStream().flush();
                  in.read(); // wait for the client to give up
                } catch (IOException e) {
                  // the proxy closed
                }
              });
      ProxyConfig config =
          ProxyConfig.builder()
              .listen(new InetSocketAddress("127.0.0.1", 0))
              .upstream(
                  new ProxyConfig.Upstream(
                      "127.0.0.1", fake.getLocalPort(), "db", Optional.empty(), Optional.empty()))
              .eventLoopThreads(1)
              .build();
      try (ProxyServer server =
              new ProxyServer(
                  config,
                  (s, st) -> GateDecision.allow(),
                  new SimpleMeterRegistry(),
                  Clock.systemUTC());
          Socket client = new Socket()) {
        InetSocketAddress address = server.start();
        client.connect(address, 5000);
        client.setSoTimeout(5000);
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        byte[] params = "user\0u\0\0".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(8 + params.length);
        out.writeInt(0x00030000);
        out.write(params);
        out.flush();
        DataInputStream in = new DataInputStream(client.getInputStream());
        int type = in.read();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        List<String> result = new ArrayList<>();
        if (type == 'R') {
          String[] parts =
              new String(body, 4, body.length - 4, StandardCharsets.US_ASCII).split("\0");
          for (String p : parts) {
            if (!p.isEmpty()) {
              result.add(p);
            }
          }
        } else {
          result.add("error:" + new String(body, StandardCharsets.UTF_8));
        }
        client.close();
        upstream.get(5, TimeUnit.SECONDS);
        return result;
      }
    }
  }

  @Test
  void channelBindingMechanismIsNeverOfferedToClients() throws Exception {
    assertThat(mechanismsSeenByClient("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"))
        .containsExactly("SCRAM-SHA-256");
  }

  @Test
  void anUpstreamOfferingOnlyPlusIsAnError() throws Exception {
    assertThat(mechanismsSeenByClient("SCRAM-SHA-256-PLUS"))
        .singleElement()
        .asString()
        .startsWith("error:")
        .contains("channel binding");
  }
}

package dev.drawbridge.gateway.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A tiny stand-in for an issuer's device flow endpoints on loopback (real HTTP): discovery, device
 * authorization (answers {@link #deviceResponse}), and a token endpoint that answers the scripted
 * responses in order (each {@code status body}), recording the requests it got.
 */
public final class FakeDeviceEndpoints implements AutoCloseable {

  private final HttpServer server;
  private final Deque<String[]> tokenAnswers = new ArrayDeque<>();
  private final List<String> tokenRequests = new ArrayList<>();
  private volatile int deviceStatus = 200;
  private volatile String deviceResponse =
      "{\"device_code\":\"dev-123\",\"user_code\":\"ABCD-EFGH\","
          + "\"verification_uri\":\"https://login.example/device\","
          + "\"verification_uri_complete\":\"https://login.example/device?user_code=ABCD-EFGH\","
          + "\"expires_in\":600,\"interval\":1}";
  private volatile boolean offersDeviceFlow = true;

  public FakeDeviceEndpoints() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/realms/fake/.well-known/openid-configuration", this::discovery);
    server.createContext("/realms/fake/device", this::device);
    server.createContext("/realms/fake/token", this::token);
    server.start();
  }

  public URI issuer() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realms/fake");
  }

  /** Scripts the next answer of the token endpoint. */
  public synchronized FakeDeviceEndpoints thenToken(int status, String json) {
    tokenAnswers.add(new String[] {Integer.toString(status), json});
    return this;
  }

  public FakeDeviceEndpoints thenError(String error) {
    return thenToken(400, "{\"error\":\"" + error + "\"}");
  }

  public void deviceAnswer(int status, String json) {
    deviceStatus = status;
    deviceResponse = json;
  }

  public void withoutDeviceFlow() {
    offersDeviceFlow = false;
  }

  public synchronized List<String> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  private void discovery(HttpExchange x) throws IOException {
    String base = issuer().toString();
    respond(
        x,
        200,
        "{\"issuer\":\""
            + base
            + "\",\"token_endpoint\":\""
            + base
            + "/token\""
            + (offersDeviceFlow ? ",\"device_authorization_endpoint\":\"" + base + "/device\"" : "")
            + "}");
  }

  private void device(HttpExchange x) throws IOException {
    x.getRequestBody().readAllBytes();
    respond(x, deviceStatus, deviceResponse);
  }

  private void token(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String[] answer;
    synchronized (this) {
      tokenRequests.add(body);
      answer = tokenAnswers.poll();
    }
    if (answer == null) {
      respond(x, 500, "{\"error\":\"server_error\",\"error_description\":\"no answer scripted\"}");
      return;
    }
    respond(x, Integer.parseInt(answer[0]), answer[1]);
  }

  private static void respond(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

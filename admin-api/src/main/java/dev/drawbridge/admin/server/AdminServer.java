package dev.drawbridge.admin.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin HTTP listener. Routes are exact paths or path prefixes; anything else gets 404.
 * Requests run on virtual threads, so a slow handler never holds up the others.
 */
public final class AdminServer implements AutoCloseable {

  private final InetSocketAddress address;
  private final Map<String, HttpHandler> routes;
  private final Map<String, HttpHandler> prefixRoutes;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param address where to listen; port 0 picks a free port
   * @param routes exact request paths (such as {@code /health}) and their handlers
   */
  public AdminServer(InetSocketAddress address, Map<String, HttpHandler> routes) {
    this(address, routes, Map.of());
  }

  /**
   * @param address where to listen; port 0 picks a free port
   * @param routes exact request paths (such as {@code /health}) and their handlers
   * @param prefixRoutes path prefixes (such as {@code /api/}) and the handlers of every path under
   *     them that is not an exact route
   */
  public AdminServer(
      InetSocketAddress address,
      Map<String, HttpHandler> routes,
      Map<String, HttpHandler> prefixRoutes) {
    this.address = Objects.requireNonNull(address, "address");
    this.routes = new LinkedHashMap<>(routes);
    this.prefixRoutes = new LinkedHashMap<>(prefixRoutes);
  }

  /**
   * Binds and starts serving.
   *
   * @return the bound address
   * @throws UncheckedIOException when the address cannot be bound (for example, it is in use)
   */
  public synchronized InetSocketAddress start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    server.createContext("/", this::route);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    return server.getAddress();
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    HttpHandler handler = routes.get(path);
    if (handler != null) {
      handler.handle(exchange);
      return;
    }
    for (Map.Entry<String, HttpHandler> prefix : prefixRoutes.entrySet()) {
      if (path.startsWith(prefix.getKey())) {
        prefix.getValue().handle(exchange);
        return;
      }
    }
    byte[] body = "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(404, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** Stops listening; open exchanges get up to one second to finish. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(1);
      executor.close();
      server = null;
    }
  }
}

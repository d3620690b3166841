package dev.drawbridge.admin.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Serves the API's OpenAPI document ({@value #RESOURCE}) to anyone: it holds no secrets. */
public final class OpenApiHandler implements HttpHandler {

  public static final String PATH = "/api/v1/openapi.json";
  static final String RESOURCE = "/dev/drawbridge/admin/api/openapi.json";

  private final byte[] document;

  public OpenApiHandler() {
    this.document = load();
  }

  /** The document's bytes. */
  public static byte[] load() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the OpenAPI document is missing from the jar: " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      boolean head = method.equals("HEAD");
      exchange.sendResponseHeaders(200, head ? -1 : document.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(document);
        }
      }
    } finally {
      exchange.close();
    }
  }
}

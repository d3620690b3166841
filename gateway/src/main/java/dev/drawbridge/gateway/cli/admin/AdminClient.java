package dev.drawbridge.gateway.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Calls the admin API with one caller's credentials. */
final class AdminClient {

  /** The API said no: the status and its error message. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** The API could not be reached, or answered with something that is not the API. */
  static final class Unreachable extends RuntimeException {
    Unreachable(String message) {
      super(message);
    }
  }

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  AdminClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  ObjectNode newObject() {
    return json.createObjectNode();
  }

  String pretty(JsonNode node) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  JsonNode post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  JsonNode delete(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private URI resolve(String path) {
    return base.resolve(path);
  }

  private JsonNode send(HttpRequest.Builder request) {
    request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new Unreachable("the admin API at " + base + " did not answer in time");
    } catch (IOException e) {
      throw new Unreachable(
          "cannot reach the admin API at " + base + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    }
    JsonNode body;
    try {
      body = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new Unreachable(
          base + " answered " + response.statusCode() + " with something that is not the API");
    }
    if (response.statusCode() >= 400) {
      JsonNode message = body.path("error").path("message");
      throw new Refused(
          response.statusCode(),
          message.isTextual() ? message.asText() : "HTTP " + response.statusCode());
    }
    return body;
  }
}

package dev.drawbridge.gateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A tiny OIDC issuer on loopback for unit tests: serves a discovery document and a JWKS over real
 * HTTP, and signs tokens with its current RSA key. Keys can be rotated.
 */
final class TestIssuer implements AutoCloseable {

  private final HttpServer server;
  private final List<RSAKey> published = new ArrayList<>();
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private RSAKey current;

  TestIssuer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/realms/test/.well-known/openid-configuration", this::discovery);
    server.createContext("/realms/test/certs", this::jwks);
    server.start();
    rotate();
  }

  URI issuer() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test");
  }

  URI jwksUrl() {
    return URI.create(issuer() + "/certs");
  }

  int jwksFetches() {
    return jwksFetches.get();
  }

  /** A new signing key, published alongside the old ones. */
  synchronized RSAKey rotate() {
    try {
      current =
          new RSAKeyGenerator(2048)
              .keyID("key-" + (published.size() + 1))
              .keyUse(KeyUse.SIGNATURE)
              .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    published.add(current);
    return current;
  }

  /** A signed access token for {@code user}: valid for 5 minutes from {@code now}. */
  String token(String user, Instant now, UnaryOperator<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer().toString())
            .audience("drawbridge")
            .subject("id-of-" + user)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("typ", "Bearer")
            .claim("preferred_username", user)
            .claim("realm_access", Map.of("roles", List.of("engineer", "approver")));
    return sign(change.apply(claims).build(), current);
  }

  String token(String user, Instant now) {
    return token(user, now, b -> b);
  }

  static String sign(JWTClaimsSet claims, RSAKey key) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    respond(exchange, "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwksUrl() + "\"}");
  }

  private void jwks(HttpExchange exchange) throws IOException {
    jwksFetches.incrementAndGet();
    String body;
    synchronized (this) {
      body = new JWKSet(new ArrayList<>(published)).toString(true);
    }
    respond(exchange, body);
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.drawbridge.gateway.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.drawbridge.gateway.config.OidcConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys, held in memory and fetched only on a background thread: once at start,
 * then every {@link OidcConfig#jwksRefresh()}, and soon after a token names a key id the set does
 * not have (key rotation), at most once per {@code unknownKeyBackoff}. Lookups never block, so
 * token checks can run on the event loop; a token signed with a key that is not loaded yet is
 * refused and the client can retry a moment later.
 */
public final class JwksCache implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JwksCache.class);
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private final OidcConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final Duration unknownKeyBackoff;
  private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> pendingFetch =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService fetcher;
  private final AtomicBoolean fetching = new AtomicBoolean();
  private final CountDownLatch firstLoad = new CountDownLatch(1);
  private volatile Map<String, RSAKey> keys = Map.of();
  private volatile boolean loaded;
  private volatile URI jwksUrl;
  private volatile Instant lastFetch = Instant.MIN;

  /**
   * @param unknownKeyBackoff the shortest time between two fetches caused by unknown key ids
   */
  public JwksCache(OidcConfig config, HttpClient http, Clock clock, Duration unknownKeyBackoff) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.unknownKeyBackoff = Objects.requireNonNull(unknownKeyBackoff, "unknownKeyBackoff");
    this.jwksUrl = config.jwksUrl().orElse(null);
    this.fetcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "drawbridge-jwks");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts fetching: now, then every {@link OidcConfig#jwksRefresh()}. */
  public void start() {
    long every = config.jwksRefresh().toMillis();
    fetcher.scheduleWithFixedDelay(this::fetchNow, 0, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Waits (off the event loop: at startup) until the first fetch succeeded.
   *
   * @return whether keys are loaded
   */
  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return firstLoad.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether a key set has been loaded at least once. */
  public boolean loaded() {
    return loaded;
  }

  /**
   * The RSA signing key with this id, without blocking. When there is none, a background fetch is
   * requested (rate-limited), since the issuer may have rotated its keys.
   */
  public Optional<RSAKey> signingKey(String keyId) {
    RSAKey key = keys.get(keyId);
    if (key == null) {
      requestFetch();
    }
    return Optional.ofNullable(key);
  }

  /**
   * The RSA signing key with this id, fetching the key set first when it is not known (unless a
   * fetch ran within the unknown-key backoff): for a token signed right after a key rotation.
   * Completes on the fetcher thread, never on the caller's.
   */
  public CompletableFuture<Optional<RSAKey>> signingKeyAfterFetch(String keyId) {
    RSAKey known = keys.get(keyId);
    if (known != null) {
      return CompletableFuture.completedFuture(Optional.of(known));
    }
    return fetchOnce().thenApply(v -> Optional.ofNullable(keys.get(keyId)));
  }

  /**
   * One fetch for every caller that waits for one: the fetch in flight, or a new one unless a fetch
   * ran within the unknown-key backoff. Completes when it is done, failed or not.
   */
  private CompletableFuture<Void> fetchOnce() {
    while (true) {
      CompletableFuture<Void> running = pendingFetch.get();
      if (running != null) {
        return running;
      }
      CompletableFuture<Void> mine = new CompletableFuture<>();
      if (pendingFetch.compareAndSet(null, mine)) {
        // not before the backoff since the last fetch has passed: waiting logins never make the
        // gateway fetch more often than that
        Instant now = clock.instant();
        Instant allowed = lastFetch.plus(unknownKeyBackoff); // lastFetch starts at Instant.MIN
        long delay = allowed.isAfter(now) ? Duration.between(now, allowed).toMillis() : 0;
        try {
          fetcher.schedule(
              () -> {
                try {
                  fetchNow();
                } finally {
                  pendingFetch.set(null);
                  mine.complete(null);
                }
              },
              delay,
              TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          pendingFetch.set(null); // closed
          mine.complete(null);
        }
        return mine;
      }
    }
  }

  private void requestFetch() {
    Instant now = clock.instant();
    if (lastFetch.plus(unknownKeyBackoff).isAfter(now) || fetching.get()) {
      return;
    }
    try {
      fetcher.execute(this::fetchNow);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed
    }
  }

  /** One fetch; runs on the fetcher thread only. */
  private void fetchNow() {
    if (!fetching.compareAndSet(false, true)) {
      return;
    }
    try {
      lastFetch = clock.instant();
      if (jwksUrl == null) {
        jwksUrl = discoverJwksUrl();
      }
      JWKSet set = JWKSet.parse(get(jwksUrl));
      Map<String, RSAKey> fresh =
          set.getKeys().stream()
              .filter(k -> k instanceof RSAKey && k.getKeyID() != null)
              .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
              .map(JWK::toRSAKey)
              .collect(
                  Collectors.toUnmodifiableMap(JWK::getKeyID, Function.identity(), (a, b) -> a));
      if (!fresh.keySet().equals(keys.keySet())) {
        log.info("loaded {} RSA signing key(s) from {}: {}", fresh.size(), jwksUrl, fresh.keySet());
      }
      keys = fresh;
      loaded = true;
      firstLoad.countDown();
    } catch (IOException | ParseException | RuntimeException e) {
      log.warn(
          "cannot load the OIDC signing keys ({}): {}; tokens signed with keys not yet loaded are"
              + " refused",
          jwksUrl != null ? jwksUrl : config.discoveryUrl(),
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      fetching.set(false);
    }
  }

  private URI discoverJwksUrl() throws IOException, InterruptedException {
    JsonNode doc = json.readTree(get(config.discoveryUrl()));
    String issuer = doc.path("issuer").asText("");
    if (!issuer.equals(config.issuer().toString())) {
      throw new IOException(
          "the discovery document names issuer '"
              + issuer
              + "', not the configured '"
              + config.issuer()
              + "'");
    }
    String uri = doc.path("jwks_uri").asText("");
    if (uri.isEmpty()) {
      throw new IOException("the discovery document has no jwks_uri");
    }
    return URI.create(uri);
  }

  private String get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(HTTP_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  /** The key ids loaded now (for logs and tests). */
  public List<String> keyIds() {
    return keys.keySet().stream().sorted().toList();
  }

  @Override
  public void close() {
    fetcher.shutdownNow();
  }
}

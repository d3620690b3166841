package dev.drawbridge.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.drawbridge.gateway.config.OidcConfig;
import dev.drawbridge.proxy.auth.TokenVerifier;
import dev.drawbridge.proxy.auth.TokenVerifier.Accepted;
import dev.drawbridge.proxy.auth.TokenVerifier.Rejected;
import dev.drawbridge.proxy.auth.TokenVerifier.TokenCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidcTokenVerifierTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private TestIssuer issuer;
  private JwksCache keys;
  private OidcTokenVerifier verifier;

  @BeforeEach
  void start() throws InterruptedException {
    issuer = new TestIssuer();
    keys = cache(Optional.empty(), Duration.ZERO);
    keys.start();
    assertThat(keys.awaitLoaded(Duration.ofSeconds(10))).isTrue();
    verifier = new OidcTokenVerifier(config(Optional.empty()), keys, clock);
  }

  private OidcConfig config(Optional<URI> jwks) {
    return new OidcConfig(
        issuer.issuer(), jwks, "drawbridge", Duration.ofSeconds(30), true, Duration.ofHours(1));
  }

  private JwksCache cache(Optional<URI> jwks, Duration backoff) {
    return new JwksCache(config(jwks), HttpClient.newHttpClient(), clock, backoff);
  }

  @AfterEach
  void stop() {
    keys.close();
    issuer.close();
  }

  /** The check a pending answer completes with (it must be pending: the key was not loaded). */
  private static TokenCheck settled(TokenCheck first) {
    assertThat(first).isInstanceOf(TokenVerifier.Pending.class);
    return ((TokenVerifier.Pending) first)
        .check()
        .toCompletableFuture()
        .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
        .join();
  }

  private static String rejection(TokenCheck check) {
    assertThat(check).isInstanceOf(Rejected.class);
    return ((Rejected) check).reason();
  }

  @Test
  void acceptsAValidTokenWithItsRealmRoles() {
    TokenCheck check = verifier.verify("alice", issuer.token("alice", NOW));
    assertThat(check).isEqualTo(new Accepted(java.util.Set.of("engineer", "approver")));
  }

  @Test
  void aTokenWithoutRealmRolesGivesNoRoles() {
    String token = issuer.token("alice", NOW, b -> b.claim("realm_access", null));
    assertThat(verifier.verify("alice", token)).isEqualTo(new Accepted(java.util.Set.of()));
  }

  @Test
  void refusesATamperedSignature() {
    String token = issuer.token("alice", NOW);
    int last = token.length() - 5;
    char flipped = token.charAt(last) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, last) + flipped + token.substring(last + 1);
    assertThat(rejection(verifier.verify("alice", tampered))).contains("signature is invalid");
  }

  @Test
  void refusesChangedClaimsUnderTheOriginalSignature() throws Exception {
    String[] parts = issuer.token("alice", NOW).split("\\.");
    String forged =
        issuer.token("bob", NOW).split("\\.")[0]
            + "."
            + issuer.token("bob", NOW).split("\\.")[1]
            + "."
            + parts[2];
    assertThat(rejection(verifier.verify("bob", forged))).contains("signature is invalid");
  }

  @Test
  void refusesTheWrongAudience() {
    String token = issuer.token("alice", NOW, b -> b.audience("account"));
    assertThat(rejection(verifier.verify("alice", token)))
        .isEqualTo("token audience does not include \"drawbridge\"");
  }

  @Test
  void refusesAnotherIssuer() {
    String token = issuer.token("alice", NOW, b -> b.issuer("http://127.0.0.1:1/realms/other"));
    assertThat(rejection(verifier.verify("alice", token))).startsWith("token issuer is not ");
  }

  @Test
  void expiryAllowsTheClockSkewAndNoMore() {
    String token = issuer.token("alice", NOW);
    clock.advance(Duration.ofSeconds(300 + 30));
    assertThat(verifier.verify("alice", token)).isInstanceOf(Accepted.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(rejection(verifier.verify("alice", token)))
        .isEqualTo("token expired at 2026-11-25T12:05:00Z");
  }

  @Test
  void refusesATokenNotValidYet() {
    String token =
        issuer.token("alice", NOW, b -> b.notBeforeTime(Date.from(NOW.plusSeconds(120))));
    assertThat(rejection(verifier.verify("alice", token))).startsWith("token is not valid before");
  }

  @Test
  void refusesATokenWithoutExpiry() {
    String token = issuer.token("alice", NOW, b -> b.expirationTime(null));
    assertThat(rejection(verifier.verify("alice", token))).isEqualTo("token has no expiry time");
  }

  @Test
  void refusesAnIdToken() {
    String token = issuer.token("alice", NOW, b -> b.claim("typ", "ID"));
    assertThat(rejection(verifier.verify("alice", token)))
        .isEqualTo("token type is ID, not an access token (Bearer)");
  }

  @Test
  void refusesAnotherUsersToken() {
    assertThat(rejection(verifier.verify("alice", issuer.token("bob", NOW))))
        .isEqualTo("token was issued to another user (preferred_username)");
  }

  @Test
  void refusesHmacSignedTokensEvenWithTheRightClaims() throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer.issuer().toString())
            .audience(List.of("drawbridge"))
            .expirationTime(Date.from(NOW.plusSeconds(60)))
            .claim("typ", "Bearer")
            .claim("preferred_username", "alice")
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims);
    jwt.sign(new MACSigner(new byte[32]));
    assertThat(rejection(verifier.verify("alice", jwt.serialize())))
        .isEqualTo("token signature algorithm HS256 is not allowed (RS256 only)");
  }

  @Test
  void refusesSomethingThatIsNotAToken() {
    assertThat(rejection(verifier.verify("alice", "hunter2")))
        .isEqualTo("the password is not a signed JWT access token");
  }

  @Test
  void theReasonNeverContainsTheToken() {
    String token = issuer.token("bob", NOW);
    assertThat(rejection(verifier.verify("alice", token))).doesNotContain(token.split("\\.")[1]);
  }

  @Test
  void aTokenSignedWithARotatedKeyIsAcceptedOnFirstUseAfterAFetchOffTheCallersThread() {
    issuer.rotate();
    String token = issuer.token("alice", NOW);
    TokenCheck first = verifier.verify("alice", token);
    TokenCheck settled = settled(first);
    assertThat(settled).isInstanceOf(Accepted.class);
    assertThat(keys.keyIds()).containsExactly("key-1", "key-2");
    assertThat(verifier.verify("alice", token)).isInstanceOf(Accepted.class);
  }

  @Test
  void aKeyTheIssuerDoesNotPublishIsRefusedAfterTheFetch() {
    String token;
    try (TestIssuer stranger = new TestIssuer()) {
      stranger.rotate();
      stranger.rotate(); // key-3: a key id our issuer never had
      token = stranger.token("alice", NOW);
    }
    TokenCheck first = verifier.verify("alice", token);
    TokenCheck settled = settled(first);
    assertThat(rejection(settled)).contains("does not publish");
  }

  @Test
  void unknownKidFetchesAreRateLimited() throws Exception {
    try (JwksCache slow = cache(Optional.of(issuer.jwksUrl()), Duration.ofMinutes(1))) {
      slow.start();
      assertThat(slow.awaitLoaded(Duration.ofSeconds(10))).isTrue();
      int fetches = issuer.jwksFetches();
      for (int i = 0; i < 20; i++) {
        assertThat(slow.signingKey("no-such-key")).isEmpty();
      }
      Thread.sleep(300);
      assertThat(issuer.jwksFetches()).isEqualTo(fetches);
      clock.advance(Duration.ofMinutes(2));
      assertThat(slow.signingKey("no-such-key")).isEmpty();
      await().atMost(Duration.ofSeconds(10)).until(() -> issuer.jwksFetches() == fetches + 1);
    }
  }

  @Test
  void beforeTheFirstFetchTokensAreRefusedWithoutBlocking() {
    OidcConfig unreachable =
        new OidcConfig(
            URI.create("http://127.0.0.1:1/realms/none"),
            Optional.empty(),
            "drawbridge",
            Duration.ofSeconds(30),
            true,
            Duration.ofHours(1));
    try (JwksCache none =
        new JwksCache(unreachable, HttpClient.newHttpClient(), clock, Duration.ZERO)) {
      none.start();
      OidcTokenVerifier v = new OidcTokenVerifier(unreachable, none, clock);
      TokenCheck first = v.verify("alice", issuer.token("alice", NOW));
      TokenCheck settled = settled(first);
      assertThat(rejection(settled)).contains("could not load the issuer's signing keys");
    }
  }

  @Test
  void aHangingKeyServerNeverDelaysATokenCheck() throws Exception {
    // accepts connections and never answers: every fetch hangs until the HTTP timeout
    try (java.net.ServerSocket blackhole =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      OidcConfig hanging =
          new OidcConfig(
              issuer.issuer(),
              Optional.of(URI.create("http://127.0.0.1:" + blackhole.getLocalPort() + "/certs")),
              "drawbridge",
              Duration.ofSeconds(30),
              true,
              Duration.ofHours(1));
      try (JwksCache stuck =
          new JwksCache(hanging, HttpClient.newHttpClient(), clock, Duration.ZERO)) {
        stuck.start();
        OidcTokenVerifier v = new OidcTokenVerifier(hanging, stuck, clock);
        String token = issuer.token("alice", NOW);
        long begin = System.nanoTime();
        for (int i = 0; i < 50; i++) {
          // answered at once: a check that needs the keys waits off the caller's thread
          assertThat(v.verify("alice", token)).isNotInstanceOf(Accepted.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));
      }
    }
  }
}

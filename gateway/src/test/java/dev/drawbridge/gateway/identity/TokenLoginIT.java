package dev.drawbridge.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.drawbridge.gateway.config.ConfigSettings;
import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.config.GatewayConfigFactory;
import dev.drawbridge.gateway.config.HostPort;
import dev.drawbridge.gateway.config.UpstreamUrl;
import dev.drawbridge.gateway.config.UserSpec;
import dev.drawbridge.gateway.demo.SelfSignedCertificate;
import dev.drawbridge.gateway.runtime.Gateway;
import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.testkit.KeycloakExtension;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestKeycloak;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Keycloak access tokens as passwords, end to end: a real Keycloak (testkit), the real gateway in
 * gateway auth mode with an {@code oidc} section, and the test PostgreSQL behind it.
 */
@ExtendWith({PostgresExtension.class, KeycloakExtension.class})
class TokenLoginIT {

  private final ConcurrentLinkedQueue<GateSession> sessions = new ConcurrentLinkedQueue<>();
  private Gateway gateway;
  private int port;
  private int adminPort;

  @TempDir Path tmp;

  private void start(TestPostgres pg, TestKeycloak kc, Clock clock, boolean tls) {
    String upstream =
        "postgresql://"
            + pg.superuser()
            + (pg.superuserPassword().isEmpty()
                ? ""
                : ":" + URLEncoder.encode(pg.superuserPassword(), StandardCharsets.UTF_8))
            + "@"
            + pg.host()
            + ":"
            + pg.port()
            + "/"
            + pg.database();
    ConfigSettings.Builder settings =
        ConfigSettings.builder()
            .listen(new HostPort("127.0.0.1", 0))
            .upstream(UpstreamUrl.parse(upstream))
            .auth(AuthMode.GATEWAY)
            .eventLoopThreads(1)
            .admin(new HostPort("127.0.0.1", 0))
            .users(List.of(UserSpec.parse("dave:dave-local-password:engineer")))
            .oidc(
                new ConfigSettings.OidcSettings(
                    kc.issuer().toString(), null, TestKeycloak.AUDIENCE, null, null, null));
    if (tls) {
      SelfSignedCertificate.CertificateFiles cert = SelfSignedCertificate.generate(tmp, clock);
      settings.tlsCert(cert.certificate()).tlsKey(cert.privateKey());
    }
    GatewayConfig config =
        new GatewayConfigFactory(ScramVerifiers::create).create(settings.build());
    gateway =
        new Gateway(
            config,
            (session, statement) -> {
              sessions.add(session);
              return GateDecision.allow();
            },
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            clock);
    Gateway.Addresses bound = gateway.start();
    port = bound.proxy().getPort();
    adminPort = bound.admin().orElseThrow().getPort();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private Connection connect(TestPostgres pg, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("sslmode", "disable");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + pg.database(), props);
  }

  private static String currentUser(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private GateSession lastSession() {
    return List.copyOf(sessions).getLast();
  }

  private PSQLException refused(TestPostgres pg, String user, String token) {
    try {
      connect(pg, user, token).close();
      throw new AssertionError("the gateway let " + user + " in");
    } catch (PSQLException e) {
      return e;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aliceLogsInWithHerAccessTokenAndHerRealmRolesReachTheSession(
      TestPostgres pg, TestKeycloak kc) throws Exception {
    start(pg, kc, Clock.systemUTC(), false);
    String token = kc.passwordGrant("alice", "alice-test");
    try (Connection c = connect(pg, "alice", token)) {
      assertThat(currentUser(c)).isEqualTo(pg.superuser());
    }
    assertThat(lastSession().user()).isEqualTo("alice");
    assertThat(lastSession().roles()).contains("engineer").doesNotContain("approver");

    String bobs = kc.passwordGrant("bob", "bob-test");
    try (Connection c = connect(pg, "bob", bobs)) {
      currentUser(c);
    }
    assertThat(lastSession().user()).isEqualTo("bob");
    assertThat(lastSession().roles()).contains("approver").doesNotContain("engineer");
  }

  @Test
  void anAgentLogsInWithAClientCredentialsToken(TestPostgres pg, TestKeycloak kc) throws Exception {
    start(pg, kc, Clock.systemUTC(), false);
    String token = kc.clientCredentials(TestKeycloak.AGENT_CLIENT, TestKeycloak.AGENT_SECRET);
    try (Connection c = connect(pg, TestKeycloak.AGENT_USER, token)) {
      currentUser(c);
    }
    assertThat(lastSession().roles()).contains("agent");
  }

  @Test
  void localScramUsersKeepWorkingNextToTokens(TestPostgres pg, TestKeycloak kc) throws Exception {
    start(pg, kc, Clock.systemUTC(), false);
    try (Connection c = connect(pg, "dave", "dave-local-password")) {
      currentUser(c);
    }
    assertThat(lastSession().roles()).containsExactly("engineer");
    // a local user's password is checked with SCRAM, never as a token
    String token = kc.passwordGrant("alice", "alice-test");
    assertThat(refused(pg, "dave", token).getSQLState()).isEqualTo("28P01");
  }

  @Test
  void psqlLogsInWithTheTokenInPgpasswordOverTls(TestPostgres pg, TestKeycloak kc)
      throws Exception {
    assumeThat(Path.of("/usr/bin/psql")).exists();
    start(pg, kc, Clock.systemUTC(), true);
    String token = kc.passwordGrant("carol", "carol-test");
    ProcessBuilder pb =
        new ProcessBuilder(
            "psql",
            "-X",
            "-A",
            "-t",
            "-c",
            "SELECT 'hello from ' || 'psql'",
            "host=127.0.0.1 port="
                + port
                + " user=carol dbname="
                + pg.database()
                + " sslmode=require");
    pb.environment().put("PGPASSWORD", token);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).contains("hello from psql");
    assertThat(p.exitValue()).isZero();
    assertThat(lastSession().roles()).contains("auditor");
  }

  @Test
  void aTamperedTokenIsRefused(TestPostgres pg, TestKeycloak kc) {
    start(pg, kc, Clock.systemUTC(), false);
    String token = kc.passwordGrant("alice", "alice-test");
    String[] parts = token.split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[10] ^= 0x01;
    String tampered =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    PSQLException e = refused(pg, "alice", tampered);
    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("token signature is invalid").doesNotContain(parts[1]);
  }

  private int adminApi(String authorization) throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + adminPort + "/api/v1/sessions"))
                  .header("Authorization", authorization)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .statusCode();
    }
  }

  @Test
  void theAdminApiTakesTheSameTokensWithTheirRoles(TestPostgres pg, TestKeycloak kc)
      throws Exception {
    start(pg, kc, Clock.systemUTC(), false);
    assertThat(adminApi("Bearer " + kc.passwordGrant("carol", "carol-test"))).isEqualTo(200);
    assertThat(adminApi("Bearer " + kc.passwordGrant("alice", "alice-test"))).isEqualTo(403);
    String token = kc.passwordGrant("carol", "carol-test");
    String[] parts = token.split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[10] ^= 0x01;
    String tampered =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    assertThat(adminApi("Bearer " + tampered)).isEqualTo(401);
    assertThat(adminApi("Bearer " + kc.passwordGrant("other-app", "carol", "carol-test")))
        .isEqualTo(401);
  }

  @Test
  void aTokenForAnotherAudienceIsRefused(TestPostgres pg, TestKeycloak kc) {
    start(pg, kc, Clock.systemUTC(), false);
    String token = kc.passwordGrant("other-app", "alice", "alice-test");
    PSQLException e = refused(pg, "alice", token);
    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("token audience does not include \"drawbridge\"");
  }

  @Test
  void anotherUsersTokenIsRefused(TestPostgres pg, TestKeycloak kc) {
    start(pg, kc, Clock.systemUTC(), false);
    String bobs = kc.passwordGrant("bob", "bob-test");
    PSQLException e = refused(pg, "alice", bobs);
    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("token was issued to another user");
  }

  @Test
  void anExpiredTokenIsRefused(TestPostgres pg, TestKeycloak kc) {
    // the realm's tokens live 5 minutes; the gateway's clock runs 10 minutes ahead
    start(pg, kc, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)), false);
    String token = kc.passwordGrant("alice", "alice-test");
    PSQLException e = refused(pg, "alice", token);
    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("token expired at");
  }

  @Test
  void somethingThatIsNotATokenIsRefused(TestPostgres pg, TestKeycloak kc) {
    start(pg, kc, Clock.systemUTC(), false);
    PSQLException e = refused(pg, "alice", "alice-test");
    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("not a signed JWT access token");
  }

  @Test
  void afterKeyRotationNewTokensAreAccepted(TestPostgres pg, TestKeycloak kc) throws Exception {
    start(pg, kc, Clock.systemUTC(), false);
    String before = kc.passwordGrant("alice", "alice-test");
    try (Connection c = connect(pg, "alice", before)) {
      currentUser(c);
    }
    String newKid = kc.rotateSigningKey();
    String after = kc.passwordGrant("alice", "alice-test");
    String header =
        new String(Base64.getUrlDecoder().decode(after.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header).contains(newKid);
    // the very first login with the new key succeeds: the gateway fetches the keys meanwhile
    try (Connection c = connect(pg, "alice", after)) {
      assertThat(currentUser(c)).isEqualTo(pg.superuser());
    }
    // tokens signed with the previous key stay valid until they expire
    try (Connection c = connect(pg, "alice", before)) {
      currentUser(c);
    }
  }

  @Test
  void readyOnceTheSigningKeysAreLoaded(TestPostgres pg, TestKeycloak kc) {
    start(pg, kc, Clock.systemUTC(), false);
    assertThat(gateway.readiness().problems()).isEmpty();
  }
}

package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import dev.drawbridge.proxy.gate.RecordingStatementGate;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import dev.drawbridge.testkit.TestPostgres.PasswordRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.util.PSQLException;

@ExtendWith(PostgresExtension.class)
class AuthIT {

  private static String currentUser(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @ParameterizedTest
  @EnumSource(PasswordRole.class)
  void passthroughRelaysEveryPasswordMethod(PasswordRole method, TestPostgres pg)
      throws SQLException {
    String role = pg.roleFor(method).orElseThrow();
    try (ProxyFixture proxy = new ProxyFixture(pg)) {
      try (Connection c = proxy.connect(role, TestPostgres.ROLE_PASSWORD, "")) {
        assertThat(currentUser(c)).isEqualTo(role);
      }
      assertThatThrownBy(() -> proxy.connect(role, "wrong-password", "").close())
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }
  }

  @ParameterizedTest
  @EnumSource(PasswordRole.class)
  void gatewayAuthenticatesLocallyAndLogsInUpstreamWithAnyMethod(
      PasswordRole upstreamMethod, TestPostgres pg) throws SQLException {
    String upstreamRole = pg.roleFor(upstreamMethod).orElseThrow();
    RecordingStatementGate gate =
        new RecordingStatementGate(new SimpleMeterRegistry(), Clock.systemUTC());
    try (ProxyFixture proxy =
        new ProxyFixture(
            pg,
            gate,
            b ->
                b.authMode(ProxyConfig.AuthMode.GATEWAY)
                    .upstream(
                        new ProxyConfig.Upstream(
                            pg.host(),
                            pg.port(),
                            pg.database(),
                            Optional.of(upstreamRole),
                            Optional.of(TestPostgres.ROLE_PASSWORD)))
                    .addUser(
                        new ProxyConfig.LocalUser(
                            "alice",
                            ScramVerifiers.create("alice-Pässword"),
                            Set.of("engineer"))))) {
      try (Connection c = proxy.connect("alice", "alice-Pässword", "")) {
        assertThat(currentUser(c)).isEqualTo(upstreamRole);
      }
      var seen = gate.recent().getLast().session();
      assertThat(seen.user()).isEqualTo("alice");
      assertThat(seen.roles()).containsExactly("engineer");
      assertThatThrownBy(() -> proxy.connect("alice", "wrong", "").close())
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("28P01");
                assertThat(e.getMessage())
                    .contains("password authentication failed for user \"alice\"");
              });
      assertThatThrownBy(() -> proxy.connect("mallory", "x", "").close())
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("28000");
                assertThat(e.getMessage()).contains("role \"mallory\" does not exist");
              });
    }
  }

  @Test
  void gatewayWithTrustedUpstreamUser(TestPostgres pg) throws SQLException {
    try (ProxyFixture proxy =
        new ProxyFixture(
            pg,
            (s, st) -> dev.drawbridge.proxy.gate.GateDecision.allow(),
            b ->
                b.authMode(ProxyConfig.AuthMode.GATEWAY)
                    .upstream(
                        new ProxyConfig.Upstream(
                            pg.host(),
                            pg.port(),
                            pg.database(),
                            Optional.of(pg.superuser()),
                            Optional.empty()))
                    .addUser(
                        new ProxyConfig.LocalUser(
                            "bob", ScramVerifiers.create("bob-pw"), Set.of())))) {
      try (Connection c = proxy.connect("bob", "bob-pw", "")) {
        assertThat(currentUser(c)).isEqualTo(pg.superuser());
      }
    }
  }

  @Test
  void tokenAuthenticationSeam(TestPostgres pg) throws SQLException {
    ProxyConfig config =
        ProxyConfig.builder()
            .listen(new java.net.InetSocketAddress("127.0.0.1", 0))
            .authMode(ProxyConfig.AuthMode.GATEWAY)
            .upstream(
                new ProxyConfig.Upstream(
                    pg.host(),
                    pg.port(),
                    pg.database(),
                    Optional.of(pg.superuser()),
                    Optional.empty()))
            .eventLoopThreads(1)
            .build();
    dev.drawbridge.proxy.auth.TokenVerifier verifier =
        (user, token) ->
            user.equals("agent-7") && token.equals("valid-token")
                ? new dev.drawbridge.proxy.auth.TokenVerifier.Accepted(Set.of("agent"))
                : new dev.drawbridge.proxy.auth.TokenVerifier.Rejected("token expired");
    try (dev.drawbridge.proxy.ProxyServer server =
        new dev.drawbridge.proxy.ProxyServer(
            config,
            (s, st) -> dev.drawbridge.proxy.gate.GateDecision.allow(),
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            user ->
                Optional.of(new dev.drawbridge.proxy.auth.TokenAuthenticator(user, verifier)))) {
      int port = server.start().getPort();
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + pg.database() + "?sslmode=disable";
      try (Connection c = java.sql.DriverManager.getConnection(url, "agent-7", "valid-token")) {
        assertThat(currentUser(c)).isEqualTo(pg.superuser());
      }
      assertThatThrownBy(
              () -> java.sql.DriverManager.getConnection(url, "agent-7", "expired").close())
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }
  }

  @Test
  void wrongUpstreamCredentialsAreTheGatewaysProblemNotTheClients(TestPostgres pg) {
    try (ProxyFixture proxy =
        new ProxyFixture(
            pg,
            (s, st) -> dev.drawbridge.proxy.gate.GateDecision.allow(),
            b ->
                b.authMode(ProxyConfig.AuthMode.GATEWAY)
                    .upstream(
                        new ProxyConfig.Upstream(
                            pg.host(),
                            pg.port(),
                            pg.database(),
                            pg.roleFor(PasswordRole.SCRAM_SHA_256),
                            Optional.of("not-the-password")))
                    .addUser(
                        new ProxyConfig.LocalUser(
                            "carol", ScramVerifiers.create("carol-pw"), Set.of())))) {
      assertThatThrownBy(() -> proxy.connect("carol", "carol-pw", "").close())
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("08006");
                assertThat(e.getMessage()).contains("could not log in upstream");
              });
    }
  }
}

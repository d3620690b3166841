package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.config.PolicySettings;
import dev.drawbridge.gateway.enforce.PolicyGateFactory;
import dev.drawbridge.gateway.runtime.Gateway;
import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A real gateway (policy gate, gateway auth) in front of the test PostgreSQL, recording into an
 * audit log. User {@code alice} (engineer), password {@code alice-pw}.
 */
final class AuditedGateway implements AutoCloseable {

  final TestPostgres pg;
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Gateway gateway;
  final InetSocketAddress address;

  AuditedGateway(TestPostgres pg, AuditLog log) {
    this.pg = pg;
    ProxyConfig.Builder b =
        ProxyConfig.builder()
            .listen(new InetSocketAddress("127.0.0.1", 0))
            .upstream(
                new ProxyConfig.Upstream(
                    pg.host(),
                    pg.port(),
                    pg.database(),
                    Optional.of(pg.superuser()),
                    pg.superuserPassword().isEmpty()
                        ? Optional.empty()
                        : Optional.of(pg.superuserPassword())))
            .authMode(ProxyConfig.AuthMode.GATEWAY)
            .eventLoopThreads(2)
            .shutdownGrace(Duration.ofSeconds(2));
    b.addUser(
        new ProxyConfig.LocalUser("alice", ScramVerifiers.create("alice-pw"), Set.of("engineer")));
    GatewayConfig config =
        new GatewayConfig(
            b.build(), PolicyMode.ENFORCE, Optional.empty(), List.of(), PolicySettings.defaults());
    Clock clock = Clock.systemUTC();
    gateway =
        new Gateway(
            config,
            new AuditingStatementGate(
                new PolicyGateFactory().create(config, Optional.empty(), meters, clock),
                log,
                "run1",
                "gateway",
                clock,
                System::nanoTime,
                new StatementMeters(meters)),
            meters,
            clock);
    address = gateway.start().proxy();
  }

  Connection connect(String extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "alice-pw");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:"
            + address.getPort()
            + "/"
            + pg.database()
            + "?sslmode=disable&connectTimeout=10&socketTimeout=60"
            + (extra.isEmpty() ? "" : "&" + extra),
        p);
  }

  @Override
  public void close() {
    gateway.close();
    meters.close();
  }
}

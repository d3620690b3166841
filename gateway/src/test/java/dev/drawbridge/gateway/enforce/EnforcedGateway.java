package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.config.PolicySettings;
import dev.drawbridge.gateway.runtime.Gateway;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway with the {@link PolicyGate} (built by {@link PolicyGateFactory}, as Main does) in
 * gateway auth mode in front of the test PostgreSQL, with an in-memory change desk. Users: {@code
 * alice} (engineer) and {@code bot} (agent); the password is the user name with {@code -pw}.
 */
final class EnforcedGateway implements AutoCloseable {

  final TestPostgres pg;
  final InMemoryChangeDesk desk = new InMemoryChangeDesk();
  final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Gateway gateway;
  final InetSocketAddress address;

  EnforcedGateway(TestPostgres pg, PolicyMode mode) {
    this(pg, mode, null);
  }

  /** With this change desk (the real workflow, say) instead of the in-memory one. */
  EnforcedGateway(TestPostgres pg, PolicyMode mode, ChangeDesk workflow) {
    this(pg, mode, workflow, WorkflowSettings.defaults(), Clock.systemUTC());
  }

  /**
   * With this change desk, these workflow settings (session logins, elevation expiry) and this
   * clock (the workflow's, so that grant windows and the gate agree on the time).
   */
  EnforcedGateway(
      TestPostgres pg,
      PolicyMode mode,
      ChangeDesk workflow,
      WorkflowSettings workflowSettings,
      Clock clock) {
    this(pg, mode, workflow, workflowSettings, clock, Optional.empty());
  }

  /** With the executor of approved staged plans too. */
  EnforcedGateway(
      TestPostgres pg,
      PolicyMode mode,
      ChangeDesk workflow,
      WorkflowSettings workflowSettings,
      Clock clock,
      Optional<ApprovedPlans> plans) {
    this.pg = pg;
    ChangeDesk changeDesk = workflow != null ? workflow : desk;
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
    b.addUser(new ProxyConfig.LocalUser("bot", ScramVerifiers.create("bot-pw"), Set.of("agent")));
    GatewayConfig config =
        new GatewayConfig(
            b.build(),
            mode,
            Optional.empty(),
            List.of(),
            PolicySettings.defaults(),
            Optional.empty(),
            Optional.empty(),
            workflowSettings);
    gateway =
        new Gateway(
            config,
            new PolicyGateFactory().create(config, Optional.of(changeDesk), plans, meters, clock),
            meters,
            clock);
    address = gateway.start().proxy();
  }

  String url(String extra) {
    return "jdbc:postgresql://127.0.0.1:"
        + address.getPort()
        + "/"
        + pg.database()
        + "?sslmode=disable&connectTimeout=10&socketTimeout=60"
        + (extra.isEmpty() ? "" : "&" + extra);
  }

  Connection connect(String user, String extra) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", user + "-pw");
    return DriverManager.getConnection(url(extra), p);
  }

  Connection connect(String user) throws SQLException {
    return connect(user, "");
  }

  /** The count of the policy decision counter with these tags (0 when never counted). */
  double decisions(String statementClass, String decision) {
    var c =
        meters
            .find(EnforcementMetrics.DECISIONS)
            .tag("class", statementClass)
            .tag("decision", decision)
            .counter();
    return c == null ? 0 : c.count();
  }

  record Result(int exitCode, String output) {}

  /** A PostgreSQL command-line tool, where installed; null otherwise. */
  static Path tool(String name) {
    for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/lib/postgresql/17/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Runs psql or pgbench through the gateway as {@code user}. */
  Result run(Path tool, String user, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool.toString());
    cmd.addAll(List.of("-h", "127.0.0.1", "-p", String.valueOf(address.getPort()), "-U", user));
    cmd.addAll(List.of(args));
    cmd.add(pg.database());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().put("PGPASSWORD", user + "-pw");
    pb.environment().put("PGSSLMODE", "disable");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(tool + " did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    gateway.close();
    meters.close();
  }
}

package dev.drawbridge.gateway.demo;

import dev.drawbridge.gateway.admin.RolloutApi;
import dev.drawbridge.gateway.audit.AuditRuntime;
import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.config.HostPort;
import dev.drawbridge.gateway.config.PasswordVerifiers;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.rollout.RolloutConfig;
import dev.drawbridge.gateway.rollout.RolloutPlans;
import dev.drawbridge.gateway.rollout.RolloutRuntime;
import dev.drawbridge.gateway.rollout.RolloutSettings;
import dev.drawbridge.gateway.rollout.Sleeper;
import dev.drawbridge.gateway.runtime.GateFactory;
import dev.drawbridge.gateway.runtime.Gateway;
import dev.drawbridge.gateway.runtime.RegisteredSessions;
import dev.drawbridge.gateway.store.SessionRegistry;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.WorkflowRuntime;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.policy.plan.RetryPolicy;
import dev.drawbridge.proxy.ProxyConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The running demo: embedded PostgreSQL with sample data, a self-signed certificate, and a gateway
 * in {@code gateway} auth mode with the {@link DemoUser demo users}, all on loopback. {@link
 * #close()} stops everything and deletes the temporary directory.
 */
public final class Demo implements AutoCloseable {

  /** Where the running demo can be reached. */
  public record Endpoints(
      InetSocketAddress proxy,
      Optional<InetSocketAddress> admin,
      int upstreamPort,
      Path certificate) {

    /** The psql connection URL for a user. */
    public String url(DemoUser user) {
      return "postgresql://"
          + user.name()
          + ":"
          + user.password()
          + "@"
          + proxy.getHostString()
          + ":"
          + proxy.getPort()
          + "/"
          + DemoDatabase.DATABASE
          + "?sslmode=require";
    }
  }

  private final Path directory;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Endpoints endpoints;
  private WorkflowRuntime workflow;

  private Demo(Path directory) {
    this.directory = directory;
  }

  /**
   * Starts everything, reporting each step to {@code progress}.
   *
   * @throws PortInUseException when a requested port is taken (nothing is left running)
   */
  public static Demo start(
      DemoOptions options,
      PasswordVerifiers verifiers,
      GateFactory gates,
      PrometheusMeterRegistry meters,
      Clock clock,
      Consumer<String> progress) {
    checkFree(options.host(), options.proxyPort(), "--port");
    checkFree(options.host(), options.adminPort(), "--admin-port");
    List<ProxyConfig.LocalUser> users = new ArrayList<>();
    for (DemoUser u : DemoUser.ALL) {
      users.add(
          new ProxyConfig.LocalUser(u.name(), verifiers.fromPlaintext(u.password()), u.roles()));
    }

    Path directory;
    try {
      directory = Files.createTempDirectory("drawbridge-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    Demo demo = new Demo(directory);
    try {
      demo.run(options, users, gates, meters, clock, progress);
      return demo;
    } catch (RuntimeException | Error e) {
      demo.close();
      throw e;
    }
  }

  private void run(
      DemoOptions options,
      List<ProxyConfig.LocalUser> users,
      GateFactory gates,
      PrometheusMeterRegistry meters,
      Clock clock,
      Consumer<String> progress) {
    long started = System.nanoTime();
    progress.accept("generating a self-signed TLS certificate");
    SelfSignedCertificate.CertificateFiles cert = SelfSignedCertificate.generate(directory, clock);

    progress.accept("starting an embedded PostgreSQL");
    DemoDatabase db = DemoDatabase.start(directory.resolve("pgdata"));
    resources.add(db);
    try (Connection c = db.connect()) {
      SampleData.load(c, options.scale(), step -> progress.accept("sample data: " + step));
    } catch (SQLException e) {
      throw new IllegalStateException("loading the sample data failed: " + e.getMessage(), e);
    }

    progress.accept("migrating the state store");
    workflow = WorkflowRuntime.open(db.storeSettings(), WorkflowSettings.defaults(), clock);
    resources.add(workflow);

    progress.accept("starting the rollout executor");
    RolloutRuntime rollouts =
        RolloutRuntime.start(
            new RolloutConfig(
                DemoDatabase.SUPERUSER,
                Optional.empty(),
                3,
                RetryPolicy.defaults(),
                RolloutSettings.defaults()),
            "127.0.0.1",
            db.port(),
            workflow.store(),
            clock,
            meters);
    resources.add(rollouts);

    progress.accept("starting the gateway");
    ProxyConfig.Builder proxy =
        ProxyConfig.builder()
            .listen(new InetSocketAddress(options.host(), options.proxyPort()))
            .upstream(
                new ProxyConfig.Upstream(
                    "127.0.0.1",
                    db.port(),
                    DemoDatabase.DATABASE,
                    Optional.of(DemoDatabase.SUPERUSER),
                    Optional.empty()))
            .authMode(ProxyConfig.AuthMode.GATEWAY)
            .tls(new ProxyConfig.Tls(cert.certificate(), cert.privateKey()))
            .shutdownGrace(Duration.ofSeconds(5));
    users.forEach(proxy::addUser);
    GatewayConfig config =
        new GatewayConfig(
            proxy.build(),
            PolicyMode.ENFORCE,
            Optional.of(new HostPort(options.host(), options.adminPort())),
            List.of());
    AuditRuntime audit = AuditRuntime.start(workflow.store(), config.audit(), meters, clock);
    resources.add(audit);
    workflow.startSweeping(audit::swept);
    Gateway gateway =
        new Gateway(
            config,
            new RegisteredSessions(
                audit.gate(
                    gates.create(
                        config,
                        Optional.of(audit.desk(workflow.workflow())),
                        Optional.of(new RolloutPlans(rollouts.service(), clock, Sleeper.system())),
                        meters,
                        clock),
                    "gateway"),
                new SessionRegistry(workflow.store(), config.audit().gatewayId(), clock),
                audit.runId()),
            meters,
            clock,
            Optional.of(workflow.workflow()),
            Gateway.withRoutes(
                new RolloutApi(Optional.of(rollouts.service()), clock).routes(),
                audit::adminRoutes));
    resources.add(gateway);
    Gateway.Addresses bound = gateway.start();
    endpoints = new Endpoints(bound.proxy(), bound.admin(), db.port(), cert.certificate());
    progress.accept(
        String.format("ready in %.1f s", (System.nanoTime() - started) / 1_000_000_000.0));
  }

  /** Where to connect. */
  public Endpoints endpoints() {
    return endpoints;
  }

  /** Requests, approvals and grants of the demo (its state store is the embedded PostgreSQL). */
  public ApprovalWorkflow workflow() {
    return workflow.workflow();
  }

  /** The temporary directory holding the data directory and the certificate. */
  public Path directory() {
    return directory;
  }

  /** Stops the gateway, then PostgreSQL, then deletes the temporary directory. */
  @Override
  public synchronized void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // keep going: everything else must still be stopped and removed
      }
    }
    resources.clear();
    deleteRecursively(directory);
  }

  private static void checkFree(String host, int port, String flag) {
    if (port == 0) {
      return;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new PortInUseException(
          "Port "
              + port
              + " on "
              + host
              + " is already in use (another demo, a PgBouncer, or a PostgreSQL?). Stop that"
              + " program or choose another port with "
              + flag
              + ".");
    }
  }

  /**
   * Deletes the directory. PostgreSQL may still be removing its own files when a Ctrl-C reached it
   * too, so files that vanish are fine and a directory that is not empty yet is retried.
   */
  private static void deleteRecursively(Path dir) {
    IOException last = null;
    for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
      try {
        Files.walkFileTree(
            dir,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                  throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                  return FileVisitResult.CONTINUE;
                }
                throw e;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        last = e;
        try {
          Thread.sleep(250);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (Files.exists(dir)) {
      throw new UncheckedIOException("cannot remove " + dir, last);
    }
  }

  /** A port the demo needs is taken. */
  public static final class PortInUseException extends RuntimeException {
    PortInUseException(String message) {
      super(message);
    }
  }
}

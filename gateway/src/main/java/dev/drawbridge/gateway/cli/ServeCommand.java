package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.admin.RolloutApi;
import dev.drawbridge.gateway.audit.AuditRuntime;
import dev.drawbridge.gateway.config.ConfigException;
import dev.drawbridge.gateway.config.ConfigFileLoader;
import dev.drawbridge.gateway.config.ConfigSettings;
import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.config.GatewayConfigFactory;
import dev.drawbridge.gateway.config.HostPort;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.config.UpstreamUrl;
import dev.drawbridge.gateway.config.UserSpec;
import dev.drawbridge.gateway.enforce.ApprovedPlans;
import dev.drawbridge.gateway.rollout.RolloutPlans;
import dev.drawbridge.gateway.rollout.RolloutRuntime;
import dev.drawbridge.gateway.rollout.Sleeper;
import dev.drawbridge.gateway.runtime.Gateway;
import dev.drawbridge.gateway.runtime.GatewayMetrics;
import dev.drawbridge.gateway.runtime.RegisteredSessions;
import dev.drawbridge.gateway.store.SessionRegistry;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.WorkflowRuntime;
import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drawbridge serve}: runs the gateway in front of an existing PostgreSQL. */
@Command(
    name = "serve",
    header = "Run the gateway in front of an existing PostgreSQL server.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Settings come from --config (YAML) and from flags; a flag overrides the same setting in"
          + " the file.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  drawbridge serve --upstream postgresql://127.0.0.1:5432/app",
      "  drawbridge serve --config drawbridge.yaml --admin 127.0.0.1:8432",
      "  drawbridge serve --auth gateway --upstream postgresql://gw:secret@db:5432/app \\",
      "                   --user alice:alice-pw:engineer --tls-cert server.crt --tls-key server.key",
      "",
      "Stop with Ctrl-C or SIGTERM: in-flight statements finish (up to --shutdown-grace).",
      "Exit status: 0 ok, 1 runtime failure, 2 usage or configuration error."
    })
public final class ServeCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML config file (see deploy/examples/drawbridge.yaml). Values may use $${ENV_VAR}.")
  private Path config;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where clients connect. Default: 127.0.0.1:6432.")
  private HostPort listen;

  @Option(
      names = "--upstream",
      paramLabel = "URL",
      description =
          "The PostgreSQL server to protect: postgresql://USER:PASS@HOST:PORT/DB. USER:PASS are"
              + " needed in gateway auth mode only. Required (here or in the file).")
  private UpstreamUrl upstream;

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      description =
          "Who checks client passwords: passthrough (PostgreSQL does) or gateway (the gateway"
              + " does, against --user entries). Default: passthrough.")
  private AuthMode auth;

  @Option(
      names = "--user",
      paramLabel = "NAME:PASSWORD:ROLE[,ROLE]",
      description =
          "A local user for gateway auth mode; repeat for more. PASSWORD is a SCRAM-SHA-256"
              + " verifier or plaintext. Roles: engineer, approver, auditor. Replaces a file user"
              + " of the same name.")
  private List<UserSpec> users;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate chain for client TLS. Needs --tls-key. Default: no TLS.")
  private Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM private key (PKCS#8) for client TLS. Needs --tls-cert.")
  private Path tlsKey;

  @Option(
      names = "--admin",
      paramLabel = "HOST:PORT",
      description =
          "Serve GET /health, /ready and /metrics (Prometheus) over HTTP here. Default: off.")
  private HostPort admin;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "enforce (stop statements the policy rejects) or observe (record decisions, forward"
              + " everything). Default: enforce.")
  private PolicyMode mode;

  @Option(
      names = "--max-message-size",
      paramLabel = "SIZE",
      converter = Converters.SizeConverter.class,
      description = "Largest message a client may send, e.g. 64MB. Default: 256MB.")
  private Long maxMessageSize;

  @Option(
      names = "--max-client-connections",
      paramLabel = "N",
      description = "Client sessions allowed at once; more get SQLSTATE 53300. Default: 1000.")
  private Integer maxClientConnections;

  @Option(
      names = "--auth-timeout",
      paramLabel = "DURATION",
      description = "Time a client has to finish connecting and authenticating. Default: 60s.")
  private Duration authTimeout;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      description = "Close sessions idle this long outside a transaction; 0 = never. Default: 0.")
  private Duration idleTimeout;

  @Option(
      names = "--upstream-connect-timeout",
      paramLabel = "DURATION",
      description = "Time connecting to the upstream may take. Default: 10s.")
  private Duration upstreamConnectTimeout;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "DURATION",
      description = "On shutdown, time in-flight statements get to finish. Default: 30s.")
  private Duration shutdownGrace;

  @Option(
      names = "--event-loop-threads",
      paramLabel = "N",
      description = "Network threads; 0 = one per CPU core. Default: 0.")
  private Integer eventLoopThreads;

  @Option(
      names = "--oidc-issuer",
      paramLabel = "URL",
      description =
          "Accept OIDC access tokens from this issuer as passwords (gateway auth mode), e.g."
              + " https://sso.example.com/realms/acme. Same as oidc.issuer.")
  private String oidcIssuer;

  @Option(
      names = "--oidc-audience",
      paramLabel = "NAME",
      description = "The audience tokens must carry. Same as oidc.audience. Default: drawbridge.")
  private String oidcAudience;

  @Option(
      names = "--check",
      description = "Validate the configuration, print it, and exit without starting.")
  private boolean check;

  public ServeCommand(CliContext context) {
    this.context = context;
  }

  /** The settings given as flags (null where a flag was not given). */
  ConfigSettings flagSettings() {
    return ConfigSettings.builder()
        .listen(listen)
        .upstream(upstream)
        .auth(auth)
        .mode(mode)
        .admin(admin)
        .tlsCert(tlsCert)
        .tlsKey(tlsKey)
        .users(users)
        .maxMessageSize(maxMessageSize)
        .maxClientConnections(maxClientConnections)
        .authTimeout(authTimeout)
        .idleTimeout(idleTimeout)
        .upstreamConnectTimeout(upstreamConnectTimeout)
        .shutdownGrace(shutdownGrace)
        .eventLoopThreads(eventLoopThreads)
        .oidc(
            oidcIssuer == null && oidcAudience == null
                ? null
                : new ConfigSettings.OidcSettings(oidcIssuer, null, oidcAudience, null, null, null))
        .build();
  }

  /** Reads the file (if any), applies the flags and validates. */
  GatewayConfig resolveConfig() {
    ConfigSettings fromFile =
        config == null
            ? ConfigSettings.empty()
            : new ConfigFileLoader(context.environment()).load(config);
    return new GatewayConfigFactory(context.verifiers())
        .create(fromFile.overriddenBy(flagSettings()));
  }

  /** With a state store, every session is recorded in its sessions table too. */
  private StatementGate registered(
      StatementGate gate,
      Optional<WorkflowRuntime> workflow,
      Optional<AuditRuntime> audit,
      GatewayConfig resolved) {
    if (workflow.isEmpty()) {
      return gate;
    }
    return new RegisteredSessions(
        gate,
        new SessionRegistry(workflow.get().store(), resolved.audit().gatewayId(), context.clock()),
        audit.map(AuditRuntime::runId).orElse("run"));
  }

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig resolved = resolveConfig();
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    resolved.warnings().forEach(w -> err.println("drawbridge: warning: " + w));
    if (check) {
      ServeReport.settings(resolved, out);
      out.println("Configuration OK.");
      out.flush();
      return ExitCodes.OK;
    }

    // the state store first: an unreachable store stops start-up before any port is bound
    Optional<WorkflowRuntime> workflow =
        resolved
            .stateStore()
            .map(s -> WorkflowRuntime.open(s, resolved.workflow(), context.clock()));
    if (workflow.isEmpty()) {
      err.println(
          "drawbridge: warning: no state-store is configured, so change requests cannot be"
              + " approved and no grant is ever found.");
    }
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(meters, VersionProvider.version());
    Optional<RolloutRuntime> rollouts = startRollouts(resolved, workflow, meters, err);
    // the audit trail lives in the state store: recorded whenever there is one
    Optional<AuditRuntime> audit =
        workflow.map(w -> AuditRuntime.start(w.store(), resolved.audit(), meters, context.clock()));
    // the sweeper starts once the trail can record what it expires
    workflow.ifPresent(w -> w.startSweeping(audit.orElseThrow()::swept));
    Gateway gateway;
    try {
      StatementGate gate =
          context
              .gates()
              .create(
                  resolved,
                  workflow.map(
                      w -> audit.map(a -> a.desk(w.workflow())).orElse((ChangeDesk) w.workflow())),
                  rollouts.map(
                      r ->
                          (ApprovedPlans)
                              new RolloutPlans(r.service(), context.clock(), Sleeper.system())),
                  meters,
                  context.clock());
      String authMethod = resolved.proxy().authMode().name().toLowerCase(java.util.Locale.ROOT);
      gateway =
          new Gateway(
              resolved,
              registered(
                  audit.map(a -> a.gate(gate, authMethod)).orElse(gate), workflow, audit, resolved),
              meters,
              context.clock(),
              workflow.map(WorkflowRuntime::workflow),
              Gateway.withRoutes(
                  workflow.isPresent()
                      ? new RolloutApi(rollouts.map(RolloutRuntime::service), context.clock())
                          .routes()
                      : List.of(),
                  routes -> audit.map(a -> a.adminRoutes(routes)).orElse(routes)));
    } catch (IllegalArgumentException e) {
      metrics.close();
      rollouts.ifPresent(RolloutRuntime::close);
      audit.ifPresent(AuditRuntime::close);
      workflow.ifPresent(WorkflowRuntime::close);
      throw new ConfigException("The configuration is not valid: " + e.getMessage() + ".");
    }
    Gateway.Addresses bound;
    try {
      bound = gateway.start();
    } catch (RuntimeException e) {
      gateway.close();
      metrics.close();
      rollouts.ifPresent(RolloutRuntime::close);
      audit.ifPresent(AuditRuntime::close);
      workflow.ifPresent(WorkflowRuntime::close);
      throw StartupFailures.explain(e, resolved);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    context
        .shutdownHooks()
        .register(
            () -> {
              err.println("drawbridge: shutting down (in-flight statements may finish)...");
              err.flush();
              gateway.close();
              metrics.close();
              rollouts.ifPresent(RolloutRuntime::close);
              audit.ifPresent(AuditRuntime::close);
              workflow.ifPresent(WorkflowRuntime::close);
              stopped.countDown();
            });
    ServeReport.listening(resolved, bound, out);
    gateway
        .readiness()
        .problems()
        .forEach(
            p ->
                err.println(
                    "drawbridge: warning: "
                        + p
                        + "; clients get errors until it is (GET /ready reports it too)."));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** The rollout executor, when the rollout section and a state store are configured. */
  private Optional<RolloutRuntime> startRollouts(
      GatewayConfig resolved,
      Optional<WorkflowRuntime> workflow,
      PrometheusMeterRegistry meters,
      PrintWriter err) {
    if (resolved.rollout().isEmpty() || workflow.isEmpty()) {
      if (workflow.isPresent()) {
        err.println(
            "drawbridge: warning: no rollout section is configured, so approved plans cannot be"
                + " applied (drawbridge apply).");
      }
      return Optional.empty();
    }
    var upstream = resolved.proxy().upstream();
    return Optional.of(
        RolloutRuntime.start(
            resolved.rollout().get(),
            upstream.host(),
            upstream.port(),
            workflow.get().store(),
            context.clock(),
            meters));
  }
}

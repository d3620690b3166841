package dev.drawbridge.gateway.runtime;

import com.sun.net.httpserver.HttpHandler;
import dev.drawbridge.admin.api.AdminApi;
import dev.drawbridge.admin.api.ApiException;
import dev.drawbridge.admin.api.ApiRouter;
import dev.drawbridge.admin.api.OpenApiHandler;
import dev.drawbridge.admin.api.Route;
import dev.drawbridge.admin.api.auth.AdminAuthenticator;
import dev.drawbridge.admin.api.auth.AdminAuthenticators;
import dev.drawbridge.admin.api.auth.PasswordCheck;
import dev.drawbridge.admin.api.auth.TokenCheck;
import dev.drawbridge.admin.health.HealthHandler;
import dev.drawbridge.admin.health.MetricsHandler;
import dev.drawbridge.admin.health.Readiness;
import dev.drawbridge.admin.health.ReadinessHandler;
import dev.drawbridge.admin.server.AdminServer;
import dev.drawbridge.gateway.admin.BearerTokens;
import dev.drawbridge.gateway.admin.LocalUserPasswords;
import dev.drawbridge.gateway.admin.ProxyLiveSessions;
import dev.drawbridge.gateway.admin.WorkflowApi;
import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.config.OidcConfig;
import dev.drawbridge.gateway.identity.JwksCache;
import dev.drawbridge.gateway.identity.OidcTokenVerifier;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.ProxyServer;
import dev.drawbridge.proxy.auth.GatewayAuthenticators;
import dev.drawbridge.proxy.auth.LocalUserAuthenticators;
import dev.drawbridge.proxy.auth.TokenVerifier;
import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the proxy and, if configured, the admin listener. {@link #start()} binds both
 * (admin first, so that {@code /health} answers while the proxy starts); {@link #close()} stops the
 * proxy gracefully (in-flight statements may finish within the grace period), then the admin
 * listener, then the statement gate if it holds resources.
 */
public final class Gateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  /** The shortest time between two key set fetches caused by tokens with unknown key ids. */
  private static final Duration UNKNOWN_KEY_BACKOFF = Duration.ofSeconds(5);

  /** How long startup waits for the first key set before serving anyway. */
  private static final Duration FIRST_KEYS_WAIT = Duration.ofSeconds(10);

  private final GatewayConfig config;
  private final ProxyServer proxy;
  private final PrometheusMeterRegistry meters;
  private final UpstreamProbe upstreamProbe;
  private final StatementGate gate;
  private final Optional<JwksCache> tokenKeys;
  private final Optional<TokenVerifier> tokens;
  private final Clock clock;
  private final Optional<ApprovalWorkflow> workflow;
  private final UnaryOperator<List<Route>> adminRoutes;
  private volatile boolean proxyBound;
  private AdminServer admin;
  private boolean closed;

  /** The addresses actually bound (ports may have been 0 in the config). */
  public record Addresses(InetSocketAddress proxy, Optional<InetSocketAddress> admin) {}

  public Gateway(
      GatewayConfig config, StatementGate gate, PrometheusMeterRegistry meters, Clock clock) {
    this(config, gate, meters, clock, Optional.empty());
  }

  /**
   * @param workflow requests, approvals and grants for the admin API, when a state store is
   *     configured
   */
  public Gateway(
      GatewayConfig config,
      StatementGate gate,
      PrometheusMeterRegistry meters,
      Clock clock,
      Optional<ApprovalWorkflow> workflow) {
    this(config, gate, meters, clock, workflow, UnaryOperator.identity());
  }

  /**
   * @param extraRoutes more admin API routes (rollouts), served next to the workflow's
   */
  public Gateway(
      GatewayConfig config,
      StatementGate gate,
      PrometheusMeterRegistry meters,
      Clock clock,
      Optional<ApprovalWorkflow> workflow,
      List<Route> extraRoutes) {
    this(config, gate, meters, clock, workflow, withRoutes(extraRoutes, UnaryOperator.identity()));
  }

  /** {@code wrap} applied to the routes with {@code extra} added. */
  public static UnaryOperator<List<Route>> withRoutes(
      List<Route> extra, UnaryOperator<List<Route>> wrap) {
    List<Route> more = List.copyOf(extra);
    return routes -> {
      List<Route> all = new ArrayList<>(routes);
      all.addAll(more);
      return wrap.apply(all);
    };
  }

  /**
   * @param workflow requests, approvals and grants for the admin API, when a state store is
   *     configured
   * @param adminRoutes adds routes to the admin API or wraps them (the audit trail records every
   *     call that changes something)
   */
  public Gateway(
      GatewayConfig config,
      StatementGate gate,
      PrometheusMeterRegistry meters,
      Clock clock,
      Optional<ApprovalWorkflow> workflow,
      UnaryOperator<List<Route>> adminRoutes) {
    this.adminRoutes = Objects.requireNonNull(adminRoutes, "adminRoutes");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.tokenKeys =
        config
            .oidc()
            .map(o -> new JwksCache(o, HttpClient.newHttpClient(), clock, UNKNOWN_KEY_BACKOFF));
    this.tokens = config.oidc().map(o -> new OidcTokenVerifier(o, tokenKeys.orElseThrow(), clock));
    this.proxy =
        new ProxyServer(
            config.proxy(),
            gate,
            meters,
            clock,
            new GatewayAuthenticators(
                new LocalUserAuthenticators(config.proxy().users()),
                tokens,
                config.oidc().map(OidcConfig::requireTls).orElse(true)));
    var upstream = config.proxy().upstream();
    Duration probeTimeout = config.proxy().upstreamConnectTimeout();
    if (probeTimeout.compareTo(Duration.ofSeconds(2)) > 0) {
      probeTimeout = Duration.ofSeconds(2);
    }
    this.upstreamProbe = new UpstreamProbe(upstream.host(), upstream.port(), probeTimeout);
    Gauge.builder(GatewayMetrics.READY, this, g -> g.proxyBound ? 1 : 0)
        .description("1 while the proxy is bound")
        .register(meters);
  }

  /**
   * Binds the admin listener (if configured) and the proxy.
   *
   * @throws RuntimeException when either cannot start; whatever started is closed again
   */
  public synchronized Addresses start() {
    tokenKeys.ifPresent(this::loadTokenKeys);
    Optional<InetSocketAddress> adminAddress = Optional.empty();
    if (config.admin().isPresent()) {
      admin =
          new AdminServer(
              config.admin().get().toSocketAddress(),
              Map.of(
                  "/health",
                  new HealthHandler(),
                  "/ready",
                  new ReadinessHandler(this::readiness),
                  "/metrics",
                  new MetricsHandler(meters),
                  OpenApiHandler.PATH,
                  new OpenApiHandler()),
              Map.of(AdminApi.PREFIX, adminApi()));
      adminAddress = Optional.of(admin.start());
    }
    try {
      InetSocketAddress bound = proxy.start();
      proxyBound = true;
      return new Addresses(bound, adminAddress);
    } catch (RuntimeException e) {
      if (admin != null) {
        admin.close();
      }
      throw e;
    }
  }

  /**
   * The admin API. Local users log in with their passwords (loopback only), OIDC users with their
   * access tokens; without either every API call is refused with 401.
   */
  private HttpHandler adminApi() {
    List<ProxyConfig.LocalUser> users = config.proxy().users();
    Optional<PasswordCheck> passwords =
        users.isEmpty() ? Optional.empty() : Optional.of(new LocalUserPasswords(users));
    Optional<TokenCheck> bearer = tokens.map(BearerTokens::new);
    AdminAuthenticator auth =
        passwords.isEmpty() && bearer.isEmpty()
            ? (authorization, remote) -> {
              throw ApiException.unauthorized(
                  "this gateway has no admin API users: configure local users (--user) or OIDC");
            }
            : new AdminAuthenticators(passwords, bearer);
    List<Route> workflowRoutes =
        workflow.map(w -> new WorkflowApi(w, clock).routes()).orElse(List.of());
    List<Route> routes = new AdminApi(new ProxyLiveSessions(proxy), workflowRoutes).routes();
    return new ApiRouter(adminRoutes.apply(routes), auth);
  }

  private void loadTokenKeys(JwksCache keys) {
    keys.start();
    try {
      if (!keys.awaitLoaded(FIRST_KEYS_WAIT)) {
        log.warn(
            "the OIDC signing keys are not loaded yet; token logins are refused until they are"
                + " (retrying in the background)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ready when the proxy is bound and the upstream accepts connections. */
  public Readiness readiness() {
    List<String> problems = new ArrayList<>();
    if (!proxyBound) {
      problems.add("the proxy is not listening");
    }
    upstreamProbe.problem().ifPresent(problems::add);
    if (tokenKeys.isPresent() && !tokenKeys.get().loaded()) {
      problems.add("the OIDC signing keys are not loaded");
    }
    return problems.isEmpty() ? Readiness.ok() : Readiness.notReady(problems);
  }

  /** Client sessions open now. */
  public int activeSessions() {
    return proxy.activeSessions();
  }

  /** Graceful stop; safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    proxyBound = false;
    try {
      proxy.close();
    } finally {
      try {
        if (admin != null) {
          admin.close();
        }
      } finally {
        closeGate();
      }
    }
  }

  private void closeGate() {
    if (gate instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Gateway.class).warn("closing the statement gate", e);
      }
    }
    tokenKeys.ifPresent(JwksCache::close);
  }
}

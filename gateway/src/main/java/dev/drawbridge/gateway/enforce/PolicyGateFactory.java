package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.catalog.CatalogCache;
import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.runtime.GateFactory;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.SessionLogin;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link PolicyGate} of a gateway from its configuration: the mode and {@code policy:}
 * settings, a virtual-thread executor for blocking work, and catalog facts read through small
 * read-only pools with the gateway's upstream login. Without an upstream user (passthrough auth
 * with no credentials) the gateway cannot read the catalog, and every schema change is judged on
 * unknown facts, which the policy reads as a large, busy table.
 */
public final class PolicyGateFactory implements GateFactory {

  private static final Logger log = LoggerFactory.getLogger(PolicyGateFactory.class);

  /** How long catalog facts are reused; a schema change let through forgets its table at once. */
  static final Duration FACTS_TTL = Duration.ofSeconds(30);

  /** Connections per database for catalog lookups. */
  static final int FACTS_POOL_SIZE = 2;

  @Override
  public StatementGate create(
      GatewayConfig config, Optional<ChangeDesk> workflow, MeterRegistry meters, Clock clock) {
    return create(config, workflow, Optional.empty(), meters, clock);
  }

  @Override
  public StatementGate create(
      GatewayConfig config,
      Optional<ChangeDesk> workflow,
      Optional<ApprovedPlans> plans,
      MeterRegistry meters,
      Clock clock) {
    // without a state store, statements that need approval are refused with a message saying so
    ChangeDesk desk = workflow.orElseGet(NoWorkflowChangeDesk::new);
    EnforcementSettings settings = new EnforcementSettings(config.mode(), config.policy());
    List<AutoCloseable> owned = new ArrayList<>();
    ExecutorService executor =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("drawbridge-policy-", 0).factory());
    owned.add(executor::shutdownNow);
    ProxyConfig.Upstream up = config.proxy().upstream();
    FactsSource facts;
    if (up.user().isPresent()) {
      PooledFactsSource pooled =
          new PooledFactsSource(
              new PooledFactsSource.Upstream(
                  up.host(),
                  up.port(),
                  up.user().get(),
                  up.password(),
                  FACTS_POOL_SIZE,
                  settings.factsTimeout()),
              new CatalogCache(new CatalogInspector(settings.factsTimeout()), clock, FACTS_TTL));
      owned.add(pooled);
      facts = pooled;
    } else {
      log.warn(
          "no upstream user configured: the gateway cannot read catalog facts, so every schema"
              + " change is judged as if its table were large and busy");
      facts = FactsSource.none();
    }
    return new PolicyGate(
        settings,
        new PolicyEngine(),
        facts,
        desk,
        executor,
        meters,
        clock,
        owned,
        logins(config),
        plans);
  }

  /** In gateway auth mode the gateway chooses each session's upstream login by access level. */
  static SessionLogins logins(GatewayConfig config) {
    ProxyConfig.Upstream up = config.proxy().upstream();
    WorkflowSettings w = config.workflow();
    Optional<SessionLogin> upstream =
        config.proxy().authMode() == ProxyConfig.AuthMode.GATEWAY && up.user().isPresent()
            ? Optional.of(new SessionLogin(up.user().get(), up.password()))
            : Optional.empty();
    return new SessionLogins(
        upstream, w.readLogin(), w.writeLogin(), w.onElevationExpiry(), w.grantRecheck());
  }
}

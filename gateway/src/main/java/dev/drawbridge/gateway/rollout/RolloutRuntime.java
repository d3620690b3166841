package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.policy.plan.PolicyEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The rollout executor of a running gateway: the DDL pool, the runner (with this gateway's lease
 * holder id) and the service polling for rollouts to run. {@link #close()} stops the service (its
 * running rollouts queue themselves for another gateway) and closes the pool.
 */
public final class RolloutRuntime implements AutoCloseable {

  private final PooledDdlConnections ddl;
  private final RolloutService service;

  private RolloutRuntime(PooledDdlConnections ddl, RolloutService service) {
    this.ddl = ddl;
    this.service = service;
  }

  /**
   * Starts the executor.
   *
   * @param host the upstream's host
   * @param port the upstream's port
   */
  public static RolloutRuntime start(
      RolloutConfig config,
      String host,
      int port,
      StateStore store,
      Clock clock,
      MeterRegistry meters) {
    Objects.requireNonNull(config, "config");
    PooledDdlConnections ddl =
        new PooledDdlConnections(
            new PooledDdlConnections.Upstream(
                host,
                port,
                config.ddlUser(),
                config.ddlPassword(),
                config.poolSize(),
                Duration.ofSeconds(10)));
    SecureRandom random = new SecureRandom();
    RolloutRunner runner =
        new RolloutRunner(
            store,
            ddl,
            config.settings(),
            config.retry(),
            clock,
            Sleeper.system(),
            random,
            new RolloutMetrics(meters),
            holderId(random));
    RolloutService service =
        new RolloutService(
            store,
            runner,
            new CatalogReplanner(ddl, new PolicyEngine(), new CatalogInspector()),
            config.settings(),
            clock,
            Sleeper.system());
    service.start();
    return new RolloutRuntime(ddl, service);
  }

  /** This gateway's lease holder id: host name and a random suffix, unique per start. */
  static String holderId(SecureRandom random) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "gateway";
    }
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    return host + "-" + HexFormat.of().formatHex(suffix);
  }

  public RolloutService service() {
    return service;
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      ddl.close();
    }
  }
}

package dev.drawbridge.gateway.runtime;

import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.enforce.ApprovedPlans;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes the statement gate of a new gateway from its configuration, meters and clock. A gate that
 * is {@link AutoCloseable} is closed with the gateway.
 */
@FunctionalInterface
public interface GateFactory {

  /**
   * @param config the gateway's configuration
   * @param desk where statements that need approval open change requests and find their grants;
   *     empty when no state store is configured
   * @param meters the gateway's meters
   * @param clock the gateway's clock
   */
  StatementGate create(
      GatewayConfig config, Optional<ChangeDesk> desk, MeterRegistry meters, Clock clock);

  /**
   * As above, with the executor that runs approved staged plans when their requester runs the
   * statement again (empty without a {@code rollout:} section). The default ignores it.
   */
  default StatementGate create(
      GatewayConfig config,
      Optional<ChangeDesk> desk,
      Optional<ApprovedPlans> plans,
      MeterRegistry meters,
      Clock clock) {
    return create(config, desk, meters, clock);
  }
}

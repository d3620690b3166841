package dev.drawbridge.gateway.runtime;

import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * Makes the statement gate of a new gateway from its configuration, meters and clock. A gate that
 * is {@link AutoCloseable} is closed with the gateway.
 */
@FunctionalInterface
public interface GateFactory {

  StatementGate create(GatewayConfig config, MeterRegistry meters, Clock clock);
}

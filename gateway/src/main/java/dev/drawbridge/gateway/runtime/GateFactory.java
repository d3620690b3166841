package dev.drawbridge.gateway.runtime;

import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Makes the statement gate of a new gateway, with the gateway's meters and clock. */
@FunctionalInterface
public interface GateFactory {

  StatementGate create(MeterRegistry meters, Clock clock);
}

package dev.drawbridge.gateway.audit;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The {@code session.start} and {@code session.end} events. */
final class GateSessionEvents {

  private GateSessionEvents() {}

  static void start(AuditLog log, SessionFacts facts, Instant at) {
    TreeMap<String, String> d = new TreeMap<>();
    d.put("client_address", facts.session().remoteAddress());
    d.put("application", facts.session().applicationName());
    d.put("auth_method", facts.authMethod());
    d.put("roles", String.join(",", new java.util.TreeSet<>(facts.session().roles())));
    log.record(facts.event(at, "session.start", d, null, null));
  }

  static void end(AuditLog log, SessionFacts facts, Instant at, long statements) {
    log.record(
        facts.event(
            at, "session.end", Map.of("statements", Long.toString(statements)), null, null));
  }
}

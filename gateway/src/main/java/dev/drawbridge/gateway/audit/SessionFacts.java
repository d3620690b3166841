package dev.drawbridge.gateway.audit;

import dev.drawbridge.proxy.gate.GateSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who a session is, as every one of its events records it.
 *
 * @param auditId the session's id in the trail: this gateway run's id and the session number
 * @param session the session as the gate saw it at the start
 * @param authMethod how the client authenticated (gateway or passthrough)
 */
record SessionFacts(String auditId, GateSession session, String authMethod) {

  AuditEvent event(
      Instant at, String type, Map<String, String> details, String decision, String rule) {
    return new AuditEvent(
        at,
        type,
        session.user(),
        auditId,
        session.database(),
        decision,
        rule,
        List.of(),
        new TreeMap<>(details));
  }
}

package dev.drawbridge.proxy.gate;

import java.util.Set;

/**
 * The session a statement belongs to, as the gate sees it.
 *
 * @param sessionId gateway-wide session number, also used in logs and metrics
 * @param user the authenticated user (the client's user name in passthrough mode)
 * @param roles the user's gateway roles (empty in passthrough mode)
 * @param database the database the client connected to
 * @param applicationName the client's application_name startup parameter, "" when absent
 * @param remoteAddress the client's address, for audit
 */
public record GateSession(
    long sessionId,
    String user,
    Set<String> roles,
    String database,
    String applicationName,
    String remoteAddress) {

  public GateSession {
    roles = Set.copyOf(roles);
  }

  /** The same session with another application_name (drivers often SET it after startup). */
  public GateSession withApplicationName(String name) {
    return new GateSession(sessionId, user, roles, database, name, remoteAddress);
  }
}

package dev.drawbridge.gateway.enforce;

import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.access.PrincipalKind;
import dev.drawbridge.proxy.gate.GateSession;
import java.util.Set;

/** Who a session acts for, as the access rules see it. */
final class Principals {

  /** The gateway role that marks a principal as an automated agent. */
  static final String AGENT_ROLE = "agent";

  private Principals() {}

  /**
   * The session's principal: its user and gateway roles (the passthrough roles when it has none);
   * an agent when the roles hold {@value #AGENT_ROLE}.
   */
  static Principal of(GateSession session, Set<String> passthroughRoles) {
    Set<String> roles = session.roles().isEmpty() ? passthroughRoles : session.roles();
    PrincipalKind kind = roles.contains(AGENT_ROLE) ? PrincipalKind.AGENT : PrincipalKind.HUMAN;
    return new Principal(session.user(), roles, kind);
  }
}

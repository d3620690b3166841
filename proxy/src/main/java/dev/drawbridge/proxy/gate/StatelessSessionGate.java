package dev.drawbridge.proxy.gate;

import java.util.Objects;

/**
 * The session gate of a {@link StatementGate} that keeps no session state: it asks the gate with
 * the session as it is now, following application_name as the upstream reports it.
 */
final class StatelessSessionGate implements SessionGate {

  private final StatementGate gate;
  private GateSession session;

  StatelessSessionGate(StatementGate gate, GateSession session) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.session = Objects.requireNonNull(session, "session");
  }

  @Override
  public GateDecision check(GateStatement statement) {
    return gate.check(session, statement);
  }

  @Override
  public void parameterStatus(String name, String value) {
    if (name.equals("application_name")) {
      session = session.withApplicationName(value);
    }
  }

  GateSession session() {
    return session;
  }
}

package dev.drawbridge.proxy.gate;

/**
 * Asked about every statement a client sends, before it reaches the database: each simple-protocol
 * Query and each extended-protocol Parse. The proxy opens one {@link SessionGate} per session and
 * asks it on the session's event loop, so an implementation must answer quickly and never block;
 * slow work runs on another executor behind a {@link GateDecision.Deferred} decision.
 */
@FunctionalInterface
public interface StatementGate {

  /**
   * Decides what happens to one statement.
   *
   * @param session who is asking and over which session
   * @param statement the statement as the client sent it
   * @return allow (forward as sent), deny (answer with an ErrorResponse, forward nothing) or
   *     rewrite (forward other SQL instead)
   */
  GateDecision check(GateSession session, GateStatement statement);

  /**
   * Opens the gate of one session. The default asks {@link #check} with the session as it is now
   * (its application_name follows the upstream's ParameterStatus); gates that track session state
   * override this.
   *
   * @param session the session entering the relay phase
   * @return the session's gate, closed when the session ends
   */
  default SessionGate open(GateSession session) {
    return new StatelessSessionGate(this, session);
  }

  /**
   * Opens the gate of one session, with a handle on the session for gates that move it to another
   * upstream login or end it. The default ignores the handle.
   *
   * @param session the session entering the relay phase
   * @param control what the gate may ask of the proxy for this session
   * @return the session's gate, closed when the session ends
   */
  default SessionGate open(GateSession session, SessionControl control) {
    return open(session);
  }
}

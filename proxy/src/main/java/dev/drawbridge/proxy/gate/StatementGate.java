package dev.drawbridge.proxy.gate;

/**
 * Asked about every statement a client sends, before it reaches the database: each simple-protocol
 * Query and each extended-protocol Parse. The proxy calls it on the session's event loop, so an
 * implementation must answer quickly and never block; slow work belongs on another executor and
 * must be done before the answer is needed.
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
}

package dev.drawbridge.proxy.gate;

import java.util.Map;
import java.util.Optional;

/**
 * The gate of one client session, opened by {@link StatementGate#open} when the session enters the
 * relay phase and closed when it ends. It sees every statement in the order the client sent it, and
 * what the upstream reports back (ParameterStatus, ReadyForQuery), so it can track session state —
 * search_path, TimeZone, transaction blocks — that changes what a statement means.
 *
 * <p>All methods are called on the session's event loop, one at a time: an implementation needs no
 * locking for its own state, but it must never block. Work that blocks (catalog lookups, the state
 * store) runs on another executor behind a {@link GateDecision.Deferred} decision.
 */
public interface SessionGate extends AutoCloseable {

  /**
   * Decides what happens to one statement (a whole simple-protocol Query, or one Parse).
   *
   * @param statement the statement as the client sent it
   * @return allow, deny, rewrite, or deferred: the proxy then holds this statement and every later
   *     client message, in order, until the decision completes
   */
  GateDecision check(GateStatement statement);

  /**
   * The upstream reported a run-time parameter (a GUC_REPORT setting such as TimeZone,
   * client_encoding, application_name, DateStyle, standard_conforming_strings; search_path from
   * PostgreSQL 18). Called before the client sees it.
   */
  default void parameterStatus(String name, String value) {}

  /**
   * The upstream sent ReadyForQuery.
   *
   * @param transactionStatus 'I' idle, 'T' in a transaction block, 'E' in a failed block
   * @param caughtUp true when every Query and Sync the client sent has now been answered, so the
   *     status describes the session as the gate last saw it; false while later pipelined
   *     statements are still in flight (the gate has already seen them)
   */
  default void readyForQuery(char transactionStatus, boolean caughtUp) {}

  /**
   * Startup parameters the gateway adds to the StartupMessage it sends upstream, after the client's
   * own: for example {@code options = -c statement_timeout=30000} for an agent. An {@code options}
   * value is appended to the client's (PostgreSQL applies them in order, so these win); other
   * parameters replace the client's. Asked once, after the client's settings passed the gate.
   */
  default Map<String, String> upstreamParameters() {
    return Map.of();
  }

  /**
   * The login the session starts with upstream, in gateway auth mode; empty for the configured
   * upstream user with {@link #upstreamParameters()}. Asked once, instead of {@link
   * #upstreamParameters()} when present.
   */
  default Optional<UpstreamCredential> upstreamLogin() {
    return Optional.empty();
  }

  /**
   * Whether the gate wants to hear each statement's outcome ({@link #commandComplete}, {@link
   * #statementFailed}, {@link #emptyQuery}, {@link #sync}). Asked once when the relay starts; the
   * relay decodes command tags only for gates that say yes.
   */
  default boolean observesOutcomes() {
    return false;
  }

  /**
   * The upstream completed a statement: CommandComplete with its tag, e.g. {@code INSERT 0 1} or
   * {@code SELECT 42}. Outcomes arrive in the order the statements were sent.
   */
  default void commandComplete(String tag) {}

  /**
   * A statement failed: the SQLSTATE of the ErrorResponse the client sees (for a statement the gate
   * denied, the denial's own code).
   */
  default void statementFailed(String sqlState) {}

  /** The upstream answered an empty query string (EmptyQueryResponse). */
  default void emptyQuery() {}

  /**
   * The client sent Sync: the extended-protocol statements since the previous Sync are answered by
   * the next ReadyForQuery.
   */
  default void sync() {}

  /** The session ended; release what the gate holds for it. Never throws. */
  @Override
  default void close() {}
}

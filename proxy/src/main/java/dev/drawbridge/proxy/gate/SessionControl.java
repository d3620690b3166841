package dev.drawbridge.proxy.gate;

import java.util.concurrent.CompletionStage;

/**
 * What a session's gate may ask of the proxy beyond deciding statements. Every method is safe to
 * call from any thread.
 */
public interface SessionControl {

  /**
   * Moves the session to another upstream login at the next transaction boundary: once every
   * statement sent upstream has been answered and the session is idle outside a transaction block,
   * the proxy logs in with {@code credential} on a new upstream connection, carries the session
   * over (its SET settings and protocol-level prepared statements) and closes the old connection.
   *
   * <p>Call it from within a {@link GateDecision.Deferred} decision, so that the proxy holds the
   * client's statement until the move is done. The stage fails, and the session stays on its
   * current login, when the session is inside a transaction block, holds state that cannot move
   * (temporary tables, LISTEN, open cursors, advisory locks, SQL-level PREPARE), or the new login
   * fails; the exception's message says which, for a person to read.
   *
   * @return completes when the session runs on the new login (at once if it already does)
   */
  CompletionStage<Void> switchLogin(UpstreamCredential credential);

  /**
   * Ends the session with a FATAL error carrying these fields, as PostgreSQL does when an
   * administrator terminates a backend.
   */
  void terminate(String sqlState, String message, String detail);

  /**
   * Sends the client a NOTICE now (progress of work a deferred decision waits for, say). Clients
   * show notices as they arrive; PostgreSQL allows them at any time.
   */
  void notice(String message, String detail);

  /**
   * Runs {@code task} on the session's event loop, where the session's gate is called: a deferred
   * decision's later stages may update the gate's state there safely.
   */
  void execute(Runnable task);

  /** The control of a session that cannot move or be ended (tests, passthrough callers). */
  SessionControl NONE =
      new SessionControl() {
        @Override
        public CompletionStage<Void> switchLogin(UpstreamCredential credential) {
          return java.util.concurrent.CompletableFuture.failedFuture(
              new IllegalStateException("this session cannot change its upstream login"));
        }

        @Override
        public void terminate(String sqlState, String message, String detail) {}

        @Override
        public void notice(String message, String detail) {}

        @Override
        public void execute(Runnable task) {
          task.run();
        }
      };
}

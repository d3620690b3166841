package dev.drawbridge.gateway.runtime;

import dev.drawbridge.gateway.store.SessionRegistry;
import dev.drawbridge.proxy.gate.ForwardingSessionGate;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionControl;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.StatementGate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every session in the state store's {@code sessions} table (who, which database, from
 * where, which application; when it started and ended), so that the live sessions of all gateways
 * sharing the store can be listed. The writes run on a small executor of their own, never on the
 * event loop; a failed write is logged and never holds a session up. Leftover live rows of this
 * gateway (after a crash) are ended at start-up.
 */
public final class RegisteredSessions implements StatementGate, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RegisteredSessions.class);

  private final StatementGate delegate;
  private final SessionRegistry registry;
  private final String runId;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("drawbridge-sessions").factory());

  /**
   * @param runId distinguishes this run's session numbers from an earlier run's (they restart at 1)
   */
  public RegisteredSessions(StatementGate delegate, SessionRegistry registry, String runId) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.runId = Objects.requireNonNull(runId, "runId");
    writer.execute(
        () -> {
          try {
            int ended = registry.endLeftovers();
            if (ended > 0) {
              log.info("ended {} session(s) this gateway left live when it stopped", ended);
            }
          } catch (RuntimeException e) {
            log.warn("could not end leftover sessions: {}", e.getMessage());
          }
        });
  }

  /** The id a session has in the store. */
  public String storeId(GateSession session) {
    return runId + "-" + session.sessionId();
  }

  @Override
  public GateDecision check(GateSession session, GateStatement statement) {
    return delegate.check(session, statement);
  }

  @Override
  public SessionGate open(GateSession session) {
    return open(session, SessionControl.NONE);
  }

  @Override
  public SessionGate open(GateSession session, SessionControl control) {
    SessionGate gate = delegate.open(session, control);
    String id = storeId(session);
    write(
        () ->
            registry.started(
                id,
                session.user(),
                session.database(),
                Optional.of(session.remoteAddress()),
                session.applicationName().isEmpty()
                    ? Optional.empty()
                    : Optional.of(session.applicationName())));
    return new Registered(gate, id);
  }

  private void write(Runnable task) {
    try {
      writer.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("could not record a session in the state store: {}", e.getMessage());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public void close() throws Exception {
    writer.shutdown();
    writer.awaitTermination(5, TimeUnit.SECONDS);
    if (delegate instanceof AutoCloseable c) {
      c.close();
    }
  }

  /** The session's own gate, unchanged, with its end recorded. */
  private final class Registered extends ForwardingSessionGate {
    private final String id;

    Registered(SessionGate gate, String id) {
      super(gate);
      this.id = id;
    }

    @Override
    public void close() {
      try {
        delegate.close();
      } finally {
        write(() -> registry.ended(id));
      }
    }
  }
}

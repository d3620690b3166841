package dev.drawbridge.gateway.store;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The live client sessions of one gateway instance, recorded in the shared store so that the admin
 * API of any gateway can list them. Blocks on JDBC: call it off the event loop.
 */
public final class SessionRegistry {

  private final StateStore store;
  private final String gatewayId;
  private final Clock clock;

  /**
   * @param gatewayId this gateway instance's id, stable across its restarts (for example the pod or
   *     host name)
   */
  public SessionRegistry(StateStore store, String gatewayId, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Ends the sessions this instance left live when it last stopped; call once at start-up.
   *
   * @return how many were ended
   */
  public int endLeftovers() {
    return store.inTransaction(tx -> tx.sessions().endAllOf(gatewayId, clock.instant()));
  }

  /** Records a session that has just authenticated. */
  public SessionRecord started(
      String sessionId,
      String user,
      String database,
      Optional<String> clientAddress,
      Optional<String> application) {
    SessionRecord s =
        new SessionRecord(
            sessionId,
            gatewayId,
            user,
            database,
            clientAddress,
            application,
            clock.instant(),
            Optional.empty());
    store.inTransaction(
        tx -> {
          tx.sessions().insert(s);
          return null;
        });
    return s;
  }

  /**
   * Records the end of a session.
   *
   * @return false when it was not live
   */
  public boolean ended(String sessionId) {
    return store.inTransaction(tx -> tx.sessions().end(sessionId, clock.instant()));
  }

  /** Live sessions of every gateway sharing the store. */
  public List<SessionRecord> live() {
    return store.inTransaction(tx -> tx.sessions().live(Optional.empty()));
  }
}

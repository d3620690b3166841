package dev.drawbridge.proxy.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A client session as an operator sees it (the admin API's session list).
 *
 * @param sessionId the gateway's session number (0 until the session logs in upstream)
 * @param user the user the client logged in as
 * @param roles the user's gateway roles (empty in passthrough mode)
 * @param database the database
 * @param applicationName the client's application_name
 * @param clientAddress where the client connects from
 * @param startedAt when the connection was accepted
 * @param state {@code authenticating}, {@code idle}, {@code active}, {@code idle in transaction} or
 *     {@code idle in transaction (aborted)}
 */
public record LiveSession(
    long sessionId,
    String user,
    Set<String> roles,
    String database,
    String applicationName,
    String clientAddress,
    Instant startedAt,
    String state) {

  public LiveSession {
    roles = Set.copyOf(roles);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(state, "state");
  }
}

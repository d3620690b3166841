package dev.drawbridge.admin.api.sessions;

import java.time.Instant;
import java.util.Set;

/**
 * One live session, as the API shows it.
 *
 * @param id the gateway's session number
 * @param user who logged in
 * @param roles the user's gateway roles
 * @param database the database
 * @param application the client's application_name
 * @param clientAddress where the client connects from
 * @param startedAt when it connected
 * @param state idle, active, idle in transaction, idle in transaction (aborted), authenticating
 */
public record SessionView(
    long id,
    String user,
    Set<String> roles,
    String database,
    String application,
    String clientAddress,
    Instant startedAt,
    String state) {

  public SessionView {
    roles = Set.copyOf(roles);
  }
}

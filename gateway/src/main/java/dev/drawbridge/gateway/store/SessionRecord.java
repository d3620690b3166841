package dev.drawbridge.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client session on one gateway.
 *
 * @param gatewayId the gateway instance that holds it
 * @param clientAddress the client's address, if known
 * @param application the client's application_name, if it sent one
 */
public record SessionRecord(
    String id,
    String gatewayId,
    String user,
    String database,
    Optional<String> clientAddress,
    Optional<String> application,
    Instant startedAt,
    Optional<Instant> endedAt) {

  public SessionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
  }
}

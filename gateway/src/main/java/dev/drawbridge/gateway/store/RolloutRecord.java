package dev.drawbridge.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One rollout as stored.
 *
 * @param id the id people type, for example {@code RO-7F3K2}
 * @param requestId the approved change request it carries out
 * @param grantId the grant it was applied under, if any
 * @param database the upstream database it changes
 * @param requester who applied it
 * @param fingerprint the approved plan's fingerprint
 * @param status where it is
 * @param requested what an operator asked for and the runner has not acted on yet
 * @param holder the gateway holding the lease, while one does
 * @param leaseUntil when that lease lapses
 * @param message the last thing worth telling people (blockers, throttling, errors)
 */
public record RolloutRecord(
    String id,
    String requestId,
    Optional<String> grantId,
    String database,
    String requester,
    String fingerprint,
    RolloutStatus status,
    RolloutRequest requested,
    Optional<String> holder,
    Optional<Instant> leaseUntil,
    String message,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> finishedAt) {

  public RolloutRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }
}

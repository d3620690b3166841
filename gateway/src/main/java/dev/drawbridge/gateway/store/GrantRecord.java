package dev.drawbridge.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A temporary privilege, as stored.
 *
 * @param subject whom it is for
 * @param database where it applies
 * @param scope one plan fingerprint or one access level
 * @param notBefore start of the window
 * @param expiresAt end of the window (exclusive)
 * @param revokedAt when someone took it back
 * @param revokedBy who took it back
 * @param expiredAt when the sweeper recorded that the window had closed
 * @param usedAt first time the approved statement ran under it
 * @param useCount how many times it was used
 * @param requestId the request it came from
 */
public record GrantRecord(
    String id,
    String subject,
    String database,
    GrantScope scope,
    Instant notBefore,
    Instant expiresAt,
    Optional<Instant> revokedAt,
    Optional<String> revokedBy,
    Optional<Instant> expiredAt,
    Optional<Instant> usedAt,
    int useCount,
    String requestId,
    Instant createdAt) {

  public GrantRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(revokedBy, "revokedBy");
    Objects.requireNonNull(expiredAt, "expiredAt");
    Objects.requireNonNull(usedAt, "usedAt");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** True when {@code now} is inside the window and nobody revoked it. */
  public boolean activeAt(Instant now) {
    return revokedAt.isEmpty() && !now.isBefore(notBefore) && now.isBefore(expiresAt);
  }
}

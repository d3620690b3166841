package dev.drawbridge.gateway.store;

import dev.drawbridge.policy.access.PrincipalKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One change request as stored.
 *
 * @param id the id people type, for example {@code CR-7F3K2}
 * @param requester who asked
 * @param requesterKind person or agent
 * @param database the database it applies to
 * @param reason why approval is needed (or why the requester wants access)
 * @param subject the statement or the access level asked for
 * @param status where it is now
 * @param approvalsRequired how many distinct approvers must say yes
 * @param createdAt when it was opened
 * @param updatedAt when its status last changed
 * @param pendingUntil when it expires if nobody decides
 */
public record ChangeRequestRecord(
    String id,
    String requester,
    PrincipalKind requesterKind,
    String database,
    String reason,
    RequestSubject subject,
    RequestStatus status,
    int approvalsRequired,
    Instant createdAt,
    Instant updatedAt,
    Instant pendingUntil) {

  public ChangeRequestRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(requesterKind, "requesterKind");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(pendingUntil, "pendingUntil");
  }
}

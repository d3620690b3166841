package dev.drawbridge.gateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One approver's decision on one request.
 *
 * @param window the grant window this approver allowed, if they named one
 */
public record ApprovalRecord(
    String requestId,
    String approver,
    Decision decision,
    String comment,
    Optional<Duration> window,
    Instant decidedAt) {

  public ApprovalRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }
}

package dev.drawbridge.gateway.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * A grant that lets one requester run one approved statement (bound by plan fingerprint).
 *
 * @param grantId the grant's id
 * @param changeRequestId the approved request it came from
 * @param expiresAt end of the window
 */
public record PlanGrant(String grantId, String changeRequestId, Instant expiresAt) {

  public PlanGrant {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(changeRequestId, "changeRequestId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}

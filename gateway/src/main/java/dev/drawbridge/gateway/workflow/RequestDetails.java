package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.store.ApprovalRecord;
import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.gateway.store.GrantRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change request with the decisions on it and the grant it led to, if any.
 *
 * @param decisions approvals and denials, oldest first
 */
public record RequestDetails(
    ChangeRequestRecord request, List<ApprovalRecord> decisions, Optional<GrantRecord> grant) {

  public RequestDetails {
    Objects.requireNonNull(request, "request");
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(grant, "grant");
  }
}

package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.ChangeRequestTicket;
import dev.drawbridge.gateway.workflow.PlanGrant;
import java.util.Optional;

/**
 * The change desk of a gateway without an approval workflow (no state store configured): there are
 * no grants, and opening a request fails, so statements that need approval are refused with an
 * error that says so.
 */
public final class NoWorkflowChangeDesk implements ChangeDesk {

  @Override
  public ChangeRequestTicket openOrReuse(ChangeRequestDraft draft) {
    throw new IllegalStateException("this gateway has no approval workflow configured");
  }

  @Override
  public Optional<PlanGrant> usablePlanGrant(
      String requester, String database, String fingerprint) {
    return Optional.empty();
  }

  @Override
  public void recordUse(String grantId) {
    throw new IllegalStateException("this gateway has no approval workflow configured");
  }
}

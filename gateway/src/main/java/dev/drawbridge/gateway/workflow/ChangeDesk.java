package dev.drawbridge.gateway.workflow;

import java.util.Optional;

/**
 * What the statement gate needs of the approval workflow: open a change request for a statement
 * that needs approval, and find the grant that lets an approved statement through. Implementations
 * talk to the state store and block: call them off the event loop.
 */
public interface ChangeDesk {

  /**
   * Opens a change request, or returns the open one (pending or approved, not expired) for the same
   * requester, database and fingerprint.
   *
   * @param draft what the gate knows about the statement
   * @return the request's id and status
   */
  ChangeRequestTicket openOrReuse(ChangeRequestDraft draft);

  /**
   * The grant that lets this requester run the statement with this plan fingerprint on this
   * database now (within its window, not revoked), if any.
   */
  Optional<PlanGrant> usablePlanGrant(String requester, String database, String fingerprint);

  /**
   * Records that a statement ran under this grant; a plan grant is used up by it. Call before the
   * statement runs.
   *
   * @throws WorkflowException.Conflict when the grant can no longer be used (used up, revoked,
   *     outside its window): the statement must not run
   */
  void recordUse(String grantId);

  /** The strongest JIT elevation {@code subject} holds on {@code database} now, if any. */
  default Optional<ActiveElevation> activeElevation(String subject, String database) {
    return Optional.empty();
  }
}

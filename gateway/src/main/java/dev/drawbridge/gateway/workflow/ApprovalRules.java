package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.access.PrincipalKind;
import java.util.Optional;

/** Who may decide on a request: a person with the approver role who did not ask for it. */
public final class ApprovalRules {

  /** The gateway role that may approve and deny. */
  public static final String APPROVER_ROLE = "approver";

  private ApprovalRules() {}

  /**
   * Why {@code decider} may not approve or deny {@code request}, or empty when they may.
   *
   * @param verb {@code approve} or {@code deny}, for the message
   */
  public static Optional<String> whyNot(
      ChangeRequestRecord request, Principal decider, String verb) {
    if (decider.kind() == PrincipalKind.AGENT) {
      return Optional.of("agents cannot " + verb + " change requests");
    }
    if (decider.name().equals(request.requester())) {
      return Optional.of("you cannot " + verb + " your own request");
    }
    if (!decider.roles().contains(APPROVER_ROLE)) {
      return Optional.of(
          "only users with the "
              + APPROVER_ROLE
              + " role can "
              + verb
              + " requests; "
              + decider.name()
              + " does not have it");
    }
    return Optional.empty();
  }
}

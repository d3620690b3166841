package dev.drawbridge.policy.plan;

import java.util.List;
import java.util.Objects;

/**
 * A staged plan for one statement. {@code online} is false when PostgreSQL offers no online path:
 * the plan then is the statement as written, which needs an approval (and a maintenance window).
 */
public record StagedPlan(
    boolean online, List<PlanStep> steps, RetryPolicy retry, List<String> notes) {
  public StagedPlan {
    steps = List.copyOf(steps);
    Objects.requireNonNull(retry);
    notes = List.copyOf(notes);
  }

  public boolean needsApprovalAsWritten() {
    return steps.stream().anyMatch(s -> s.kind() == StepKind.AS_WRITTEN);
  }
}

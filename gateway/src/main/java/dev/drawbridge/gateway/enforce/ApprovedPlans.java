package dev.drawbridge.gateway.enforce;

import dev.drawbridge.policy.access.Principal;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs the approved staged plan of a change request when its requester runs the statement again
 * within the grant's window: the gateway carries out the plan (through its DDL pool) instead of
 * forwarding the statement as written. Blocks until the plan completed, failed, or waits for an
 * operator; call it off the event loop.
 */
public interface ApprovedPlans {

  /**
   * Starts the plan of {@code requestId} for {@code requester} and waits for it.
   *
   * @param progress receives a line whenever the run advances (for NOTICE messages)
   * @throws dev.drawbridge.gateway.workflow.WorkflowException when it cannot start (the grant is
   *     gone, the plan changed since the approval, …)
   */
  PlanRun run(String requestId, Principal requester, Consumer<String> progress);

  /** How a run ended. */
  enum Outcome {
    /** Every step ran. */
    COMPLETED,
    /** Paused, or waiting for an operator (a manual step); it goes on once resumed. */
    WAITING,
    /** A step failed, or the run was cancelled. */
    FAILED
  }

  /**
   * @param rolloutId the run's id, for {@code drawbridge rollouts show}
   * @param outcome how it ended
   * @param message what a person needs to know (the step that failed and why, what it waits for)
   * @param steps how many steps the plan has
   */
  record PlanRun(String rolloutId, Outcome outcome, String message, int steps) {
    public PlanRun {
      Objects.requireNonNull(rolloutId, "rolloutId");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(message, "message");
    }
  }
}

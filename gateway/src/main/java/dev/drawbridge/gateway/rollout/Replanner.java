package dev.drawbridge.gateway.rollout;

import dev.drawbridge.policy.plan.StatementResult;

/** Plans an approved statement again, from the live catalog, when it is applied. */
@FunctionalInterface
public interface Replanner {

  /**
   * The statement judged again on {@code database}'s catalog as it is now.
   *
   * @throws Exception when the statement cannot be planned (not understood, catalog unreachable)
   */
  StatementResult.Judged replan(String database, String statement) throws Exception;
}

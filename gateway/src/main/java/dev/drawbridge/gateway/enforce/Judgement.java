package dev.drawbridge.gateway.enforce;

import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.StatementClass;
import dev.drawbridge.proxy.gate.GateDecision;
import java.util.List;
import java.util.Objects;

/** What the policy concluded for one query (all its statements), before any I/O. */
sealed interface Judgement {

  /** The class of the statement that decided the outcome, for metrics. */
  StatementClass statementClass();

  GateOutcome outcome();

  /**
   * Forward it.
   *
   * @param sessionAfter the session once it ran
   * @param changedTables tables whose schema it changes (their cached facts become stale)
   */
  record Allowed(
      StatementClass statementClass, SessionContext sessionAfter, List<String> changedTables)
      implements Judgement {
    public Allowed {
      Objects.requireNonNull(sessionAfter);
      changedTables = List.copyOf(changedTables);
    }

    @Override
    public GateOutcome outcome() {
      return GateOutcome.ALLOW;
    }
  }

  /**
   * Refuse it with this error; nothing to open.
   *
   * @param sessionAfter the session had it run anyway (observe mode forwards it)
   */
  record Refused(
      StatementClass statementClass,
      GateOutcome outcome,
      GateDecision.Deny error,
      SessionContext sessionAfter)
      implements Judgement {
    public Refused {
      Objects.requireNonNull(outcome);
      Objects.requireNonNull(error);
      Objects.requireNonNull(sessionAfter);
    }
  }

  /**
   * It may run only with approval: each pending statement needs a grant, or a change request.
   *
   * @param pending the statements that need approval, in order
   * @param sessionAfter the session once the query ran, if a grant lets it through
   * @param changedTables as for {@link Allowed}
   */
  record NeedsApproval(
      StatementClass statementClass,
      GateOutcome outcome,
      List<Pending> pending,
      SessionContext sessionAfter,
      List<String> changedTables)
      implements Judgement {
    public NeedsApproval {
      pending = List.copyOf(pending);
      changedTables = List.copyOf(changedTables);
      if (pending.isEmpty()) {
        throw new IllegalArgumentException("nothing pending");
      }
    }
  }

  /**
   * One statement that needs approval.
   *
   * @param statement the statement
   * @param result the engine's result: judged (a plan and fingerprint) or not understood
   * @param reason why, for people
   */
  record Pending(ClassifiedStatement statement, StatementResult result, String reason) {}
}

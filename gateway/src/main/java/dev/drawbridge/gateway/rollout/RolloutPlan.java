package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.policy.plan.PlanStep;
import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.plan.StepKind;
import dev.drawbridge.policy.risk.model.AlterAction;
import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an approved {@link StagedPlan} into the steps a rollout stores and runs, refusing (fail
 * closed) a plan that breaks the executor's rules:
 *
 * <ul>
 *   <li>a {@code NOT VALID} constraint and its {@code VALIDATE} never share a transaction;
 *   <li>a VALIDATE step holds exactly its one statement (nothing else runs under its lock);
 *   <li>a backfill step carries its backfill.
 * </ul>
 *
 * Every step is its own transaction, so nothing of a later step ever runs after an ACCESS EXCLUSIVE
 * lock taken by an earlier one.
 */
public final class RolloutPlan {

  private RolloutPlan() {}

  /** The plan's steps, ready to insert. */
  public static List<RolloutStepRecord> steps(String rolloutId, StagedPlan plan) {
    if (plan.steps().isEmpty()) {
      throw new IllegalArgumentException("the plan has no steps");
    }
    List<RolloutStepRecord> out = new ArrayList<>();
    int number = 1;
    for (PlanStep step : plan.steps()) {
      check(step);
      Optional<String> backfill = step.backfill().map(b -> BackfillTarget.of(b).toJson());
      out.add(
          RolloutStepRecord.pending(
              rolloutId,
              number++,
              kindLabel(step.kind()),
              step.description(),
              step.sql(),
              step.rollbackSql(),
              step.transactional(),
              backfill,
              indexes(step)));
    }
    return out;
  }

  public static String kindLabel(StepKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static StepKind kind(String label) {
    return StepKind.valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  private static void check(PlanStep step) {
    boolean notValid = false;
    boolean validate = false;
    for (DdlStatement s : step.statements()) {
      if (s instanceof DdlStatement.AlterTable a) {
        for (AlterAction x : a.actions()) {
          notValid |= x instanceof AlterAction.AddConstraint ac && ac.notValid();
          validate |= x instanceof AlterAction.ValidateConstraint;
        }
      }
    }
    if (notValid && validate) {
      throw new IllegalArgumentException(
          "step "
              + step.number()
              + " adds a NOT VALID constraint and validates in one transaction; the executor"
              + " refuses it");
    }
    if (step.kind() == StepKind.VALIDATE && step.statements().size() != 1) {
      throw new IllegalArgumentException(
          "VALIDATE step " + step.number() + " must hold exactly one statement");
    }
    if (step.kind() == StepKind.BACKFILL && step.backfill().isEmpty()) {
      throw new IllegalArgumentException("backfill step " + step.number() + " has no backfill");
    }
  }

  /** Indexes a concurrent step builds, schema-qualified when the table is. */
  private static List<String> indexes(PlanStep step) {
    List<String> out = new ArrayList<>();
    for (DdlStatement s : step.statements()) {
      if (s instanceof DdlStatement.CreateIndex ci && ci.concurrently() && ci.name().isPresent()) {
        String name = SqlRenderer.ident(ci.name().get());
        out.add(ci.table().schema().map(sc -> SqlRenderer.ident(sc) + "." + name).orElse(name));
      }
    }
    return out;
  }
}

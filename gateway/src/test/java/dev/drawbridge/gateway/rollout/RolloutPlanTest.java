package dev.drawbridge.gateway.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StepStatus;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.plan.BackfillSpec;
import dev.drawbridge.policy.plan.PlanStep;
import dev.drawbridge.policy.plan.RetryPolicy;
import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.plan.StepKind;
import dev.drawbridge.policy.risk.model.AlterAction;
import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.Expr;
import dev.drawbridge.policy.risk.model.TableConstraint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

  private static final QualifiedName ORDERS = QualifiedName.of("orders");

  private static DdlStatement alter(AlterAction... actions) {
    return new DdlStatement.AlterTable(ORDERS, false, false, List.of(actions));
  }

  private static PlanStep step(int n, StepKind kind, List<DdlStatement> statements) {
    return new PlanStep(
        n, kind, "step " + n, statements, List.of(), Optional.empty(), true, List.of());
  }

  @Test
  void copiesStepsWithTheirSqlRollbackAndBackfill() {
    BackfillSpec spec =
        new BackfillSpec(
            ORDERS,
            Optional.of("id"),
            "ref",
            new Expr.FunctionCall(QualifiedName.of("gen_random_uuid"), List.of()),
            5000);
    StagedPlan plan =
        new StagedPlan(
            true,
            List.of(
                new PlanStep(
                    1,
                    StepKind.FAST_DDL,
                    "add",
                    List.of(alter(new AlterAction.SetNotNull("ref"))),
                    List.of(alter(new AlterAction.DropNotNull("ref"))),
                    Optional.empty(),
                    true,
                    List.of()),
                new PlanStep(
                    2,
                    StepKind.BACKFILL,
                    "fill",
                    List.of(),
                    List.of(),
                    Optional.of(spec),
                    false,
                    List.of())),
            RetryPolicy.defaults(),
            List.of());

    List<RolloutStepRecord> steps = RolloutPlan.steps("RO-1", plan);

    assertThat(steps).extracting(RolloutStepRecord::kind).containsExactly("fast-ddl", "backfill");
    assertThat(steps)
        .allMatch(s -> s.status() == StepStatus.PENDING && s.rolloutId().equals("RO-1"));
    assertThat(steps.get(0).statements())
        .containsExactly("ALTER TABLE orders ALTER COLUMN ref SET NOT NULL");
    assertThat(steps.get(0).rollback())
        .containsExactly("ALTER TABLE orders ALTER COLUMN ref DROP NOT NULL");
    BackfillTarget target = BackfillTarget.fromJson(steps.get(1).backfillJson().orElseThrow());
    assertThat(target)
        .isEqualTo(
            new BackfillTarget("orders", Optional.of("id"), "ref", "gen_random_uuid()", 5000));
    assertThat(target.stillNeeded()).isEqualTo("ref IS NULL");
  }

  @Test
  void refusesNotValidAndValidateInOneTransaction() {
    AlterAction.AddConstraint notValid =
        new AlterAction.AddConstraint(
            new TableConstraint.Check(
                Optional.of("c"), new Expr.IsNull(Expr.ColumnRef.of("ref"), true)),
            true);
    StagedPlan plan =
        new StagedPlan(
            true,
            List.of(
                step(
                    1,
                    StepKind.FAST_DDL,
                    List.of(alter(notValid), alter(new AlterAction.ValidateConstraint("c"))))),
            RetryPolicy.defaults(),
            List.of());

    assertThatThrownBy(() -> RolloutPlan.steps("RO-1", plan))
        .hasMessageContaining("NOT VALID")
        .hasMessageContaining("one transaction");
  }

  @Test
  void kindLabelsRoundTrip() {
    for (StepKind k : StepKind.values()) {
      assertThat(RolloutPlan.kind(RolloutPlan.kindLabel(k))).isEqualTo(k);
    }
  }
}

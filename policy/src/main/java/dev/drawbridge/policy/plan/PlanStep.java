package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a staged plan. {@code statements} run together (in one transaction when {@code
 * transactional}); {@code rollback} undoes the step (empty: nothing to undo, see notes). SQL text
 * is always rendered from the trees.
 */
public record PlanStep(
    int number,
    StepKind kind,
    String description,
    List<DdlStatement> statements,
    List<DdlStatement> rollback,
    Optional<BackfillSpec> backfill,
    boolean transactional,
    List<String> notes) {

  public PlanStep {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(description);
    statements = List.copyOf(statements);
    rollback = List.copyOf(rollback);
    Objects.requireNonNull(backfill);
    notes = List.copyOf(notes);
  }

  /** The step's SQL, one string per statement, or the batch template for a backfill. */
  public List<String> sql() {
    if (backfill.isPresent()) {
      return List.of(backfill.get().batchSql());
    }
    return statements.stream().map(SqlRenderer::statement).toList();
  }

  public List<String> rollbackSql() {
    return rollback.stream().map(SqlRenderer::statement).toList();
  }
}

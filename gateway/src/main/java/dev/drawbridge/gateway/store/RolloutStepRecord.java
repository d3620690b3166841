package dev.drawbridge.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One step of a rollout as stored: what to run (copied from the approved plan when the rollout was
 * created) and how far it got.
 *
 * @param kind the plan's step kind, as {@code dev.drawbridge.policy.plan.StepKind} names it
 * @param statements SQL to run (for a backfill, the batch template, for display only)
 * @param rollback SQL that undoes the step
 * @param backfillJson the backfill's target as JSON, for backfill steps
 * @param indexes indexes a concurrent step builds, checked for {@code indisvalid} after a failure
 * @param checkpoint the last key (or heap page) of a committed backfill batch
 * @param xid the upstream transaction id of a transactional step, recorded just before it commits
 */
public record RolloutStepRecord(
    String rolloutId,
    int number,
    String kind,
    String description,
    List<String> statements,
    List<String> rollback,
    boolean transactional,
    Optional<String> backfillJson,
    List<String> indexes,
    StepStatus status,
    int attempts,
    Optional<String> checkpoint,
    Optional<Integer> batchSize,
    long rowsDone,
    OptionalLong rowsTotal,
    int batches,
    Optional<String> xid,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    String message) {

  public RolloutStepRecord {
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    statements = List.copyOf(statements);
    rollback = List.copyOf(rollback);
    Objects.requireNonNull(backfillJson, "backfillJson");
    indexes = List.copyOf(indexes);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(batchSize, "batchSize");
    Objects.requireNonNull(rowsTotal, "rowsTotal");
    Objects.requireNonNull(xid, "xid");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(message, "message");
  }

  /** A fresh, pending step. */
  public static RolloutStepRecord pending(
      String rolloutId,
      int number,
      String kind,
      String description,
      List<String> statements,
      List<String> rollback,
      boolean transactional,
      Optional<String> backfillJson,
      List<String> indexes) {
    return new RolloutStepRecord(
        rolloutId,
        number,
        kind,
        description,
        statements,
        rollback,
        transactional,
        backfillJson,
        indexes,
        StepStatus.PENDING,
        0,
        Optional.empty(),
        Optional.empty(),
        0,
        OptionalLong.empty(),
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "");
  }
}

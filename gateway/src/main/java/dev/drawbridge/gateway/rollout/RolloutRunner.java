package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutRequest;
import dev.drawbridge.gateway.store.RolloutStatus;
import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.store.StepStatus;
import dev.drawbridge.policy.plan.RetryPolicy;
import dev.drawbridge.policy.plan.StepKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one rollout while this gateway holds its lease: step after step from the first one not done,
 * each checkpointed in the state store, acting on an operator's pause, cancel or rollback at the
 * next step or batch boundary. A manual step, a failure or an operator request ends the run with
 * the lease given up; {@code resume} queues the rollout again and any gateway picks it up.
 */
public final class RolloutRunner {

  private static final Logger log = LoggerFactory.getLogger(RolloutRunner.class);

  private final StateStore store;
  private final DdlConnections ddl;
  private final RolloutSettings settings;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RolloutMetrics metrics;
  private final String holder;
  private final LockingDdl locking;
  private final ConcurrentDdl concurrent;
  private final Backfiller backfiller;

  public RolloutRunner(
      StateStore store,
      DdlConnections ddl,
      RolloutSettings settings,
      RetryPolicy retry,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      RolloutMetrics metrics,
      String holder) {
    this.store = Objects.requireNonNull(store, "store");
    this.ddl = Objects.requireNonNull(ddl, "ddl");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.holder = Objects.requireNonNull(holder, "holder");
    Backoff backoff = new Backoff(retry.initialBackoff(), retry.maxBackoff(), random);
    this.locking = new LockingDdl(ddl, retry, backoff, sleeper, settings.blockerPoll(), metrics);
    this.concurrent = new ConcurrentDdl(ddl, retry, backoff, sleeper, metrics);
    Throttle throttle =
        new Throttle(
            settings.maxReplicationLag(),
            settings.maxLockWaiters(),
            settings.throttlePause(),
            sleeper,
            metrics);
    this.backfiller = new Backfiller(ddl, settings, retry, backoff, throttle, sleeper, metrics);
  }

  /** This gateway's id as a lease holder. */
  public String holder() {
    return holder;
  }

  /**
   * Runs the rollout if this gateway can take its lease.
   *
   * @return false when another gateway holds it (or it is not runnable)
   */
  public boolean run(String rolloutId) {
    Lease lease =
        new Lease(store, rolloutId, holder, clock, settings.lease(), settings.heartbeat(), sleeper);
    if (!lease.acquire()) {
      return false;
    }
    metrics.started();
    try (lease) {
      drive(rolloutId, lease);
    } catch (RuntimeException e) {
      log.error("rollout {} stopped on an unexpected error", rolloutId, e);
      release(rolloutId, RolloutStatus.FAILED, "internal error: " + e);
    } finally {
      metrics.ended();
    }
    return true;
  }

  private void drive(String id, Lease lease) {
    while (true) {
      if (lease.lost()) {
        return;
      }
      if (Thread.interrupted()) {
        release(id, RolloutStatus.QUEUED, "the gateway running it stopped; queued for another");
        return;
      }
      RolloutRecord r = store.inTransaction(tx -> tx.rollouts().find(id)).orElseThrow();
      if (r.status() == RolloutStatus.ROLLING_BACK || r.requested() == RolloutRequest.ROLLBACK) {
        rollback(r, lease);
        return;
      }
      if (r.requested() == RolloutRequest.PAUSE) {
        release(id, RolloutStatus.PAUSED, "paused by an operator");
        return;
      }
      if (r.requested() == RolloutRequest.CANCEL) {
        release(id, RolloutStatus.CANCELLED, "cancelled by an operator");
        return;
      }
      List<RolloutStepRecord> steps = store.inTransaction(tx -> tx.rollouts().steps(id));
      Optional<RolloutStepRecord> next =
          steps.stream().filter(s -> s.status() != StepStatus.DONE).findFirst();
      if (next.isEmpty()) {
        complete(r);
        return;
      }
      RolloutStepRecord step = next.get();
      StepKind kind = RolloutPlan.kind(step.kind());
      if (kind == StepKind.MANUAL) {
        release(
            id,
            RolloutStatus.WAITING,
            "step "
                + step.number()
                + " is manual: "
                + step.description()
                + ". Do it, then run: drawbridge rollouts resume "
                + id);
        return;
      }
      if (committedBefore(r, step)) {
        metrics.step(step.kind(), "done");
        if (!fenced(
            tx ->
                tx.rollouts()
                    .asHolderStepEnded(
                        id,
                        holder,
                        step.number(),
                        StepStatus.DONE,
                        "committed before the runner that started it stopped; not run again",
                        now()))) {
          lease.markLost();
          return;
        }
        continue;
      }
      if (!fenced(tx -> tx.rollouts().asHolderStepStarted(id, holder, step.number(), now()))) {
        lease.markLost();
        return;
      }
      fenced(
          tx ->
              tx.rollouts()
                  .asHolderUpdate(
                      id,
                      holder,
                      RolloutStatus.RUNNING,
                      "step " + step.number() + ": " + step.description(),
                      now()));
      Context ctx = new Context(r, step.number(), lease);
      try {
        execute(kind, step, ctx);
        metrics.step(step.kind(), "done");
        if (!fenced(
            tx ->
                tx.rollouts()
                    .asHolderStepEnded(id, holder, step.number(), StepStatus.DONE, "", now()))) {
          lease.markLost();
          return;
        }
      } catch (StepContext.Stopped s) {
        metrics.step(step.kind(), "stopped");
        if (s.reason() == Stop.LEASE_LOST) {
          lease.markLost();
          return;
        }
        // the step stays running with its checkpoint; the loop acts on the request
      } catch (StepContext.Failed f) {
        metrics.step(step.kind(), "failed");
        String message = "step " + step.number() + " failed: " + f.getMessage();
        log.warn("rollout {}: {}", id, message);
        fenced(
            tx ->
                tx.rollouts()
                    .asHolderStepEnded(
                        id, holder, step.number(), StepStatus.FAILED, f.getMessage(), now()));
        release(id, RolloutStatus.FAILED, message);
        return;
      }
    }
  }

  /**
   * True when a transactional step that a runner had started committed upstream although its end
   * was never recorded (the runner died between COMMIT and checkpoint): its recorded transaction id
   * says so.
   */
  private boolean committedBefore(RolloutRecord r, RolloutStepRecord step) {
    if (step.status() != StepStatus.RUNNING || step.xid().isEmpty()) {
      return false;
    }
    try (java.sql.Connection c = ddl.open(r.database())) {
      return LockingDdl.status(c, step.xid().get()).filter("committed"::equals).isPresent();
    } catch (java.sql.SQLException e) {
      log.warn(
          "rollout {}: cannot tell whether step {} committed: {}; running it again",
          r.id(),
          step.number(),
          e.toString());
      return false;
    }
  }

  private void execute(StepKind kind, RolloutStepRecord step, Context ctx)
      throws StepContext.Failed, StepContext.Stopped {
    switch (kind) {
      case FAST_DDL, CLEANUP -> locking.run(step.statements(), retry.ddlStatementTimeout(), ctx);
      case AS_WRITTEN -> locking.run(step.statements(), Duration.ZERO, ctx);
      case VALIDATE -> locking.run(step.statements(), settings.validateStatementTimeout(), ctx);
      case CONCURRENT ->
          concurrent.run(
              step.statements(), step.indexes(), settings.concurrentStatementTimeout(), ctx);
      case BACKFILL ->
          backfiller.run(
              BackfillTarget.fromJson(step.backfillJson().orElseThrow()),
              step.checkpoint(),
              step.batchSize(),
              step.rowsTotal().isPresent(),
              ctx);
      case MANUAL -> throw new IllegalStateException("manual steps are not executed");
    }
  }

  /** Undoes the completed steps, last first. */
  private void rollback(RolloutRecord r, Lease lease) {
    String id = r.id();
    if (!fenced(
        tx ->
            tx.rollouts()
                .asHolderUpdate(id, holder, RolloutStatus.ROLLING_BACK, "rolling back", now()))) {
      return;
    }
    List<RolloutStepRecord> steps = store.inTransaction(tx -> tx.rollouts().steps(id));
    for (RolloutStepRecord step : steps.reversed()) {
      if (step.status() != StepStatus.DONE) {
        continue;
      }
      if (lease.lost()) {
        return;
      }
      Context ctx = new Context(r, step.number(), lease);
      try {
        if (!step.rollback().isEmpty()) {
          ctx.report("rolling back step " + step.number() + ": " + step.description());
          locking.run(step.rollback(), retry.ddlStatementTimeout(), ctx.ignoringRequests());
        }
        fenced(
            tx ->
                tx.rollouts()
                    .asHolderStepEnded(
                        id,
                        holder,
                        step.number(),
                        StepStatus.ROLLED_BACK,
                        step.rollback().isEmpty() ? "nothing to undo" : "rolled back",
                        now()));
      } catch (StepContext.Stopped s) {
        return; // only a lost lease stops a rollback
      } catch (StepContext.Failed f) {
        release(
            id,
            RolloutStatus.FAILED,
            "rollback of step " + step.number() + " failed: " + f.getMessage());
        return;
      }
    }
    release(id, RolloutStatus.ROLLED_BACK, "every completed step was rolled back");
  }

  private void complete(RolloutRecord r) {
    boolean done =
        store.inTransaction(
            tx -> {
              if (!tx.rollouts()
                  .asHolderRelease(
                      r.id(), holder, RolloutStatus.COMPLETED, "every step ran", now())) {
                return false;
              }
              tx.rollouts().recordApplied(r.requestId(), now());
              return true;
            });
    if (done) {
      log.info("rollout {} of request {} completed", r.id(), r.requestId());
    }
  }

  private void release(String id, RolloutStatus status, String message) {
    fenced(tx -> tx.rollouts().asHolderRelease(id, holder, status, message, now()));
  }

  private boolean fenced(StateStore.Work<Boolean> work) {
    return store.inTransaction(work);
  }

  private Instant now() {
    return clock.instant();
  }

  /** The step context of one step of one rollout. */
  private final class Context implements StepContext {
    private final RolloutRecord rollout;
    private final int step;
    private final Lease lease;
    private final boolean honourRequests;

    Context(RolloutRecord rollout, int step, Lease lease) {
      this(rollout, step, lease, true);
    }

    private Context(RolloutRecord rollout, int step, Lease lease, boolean honourRequests) {
      this.rollout = rollout;
      this.step = step;
      this.lease = lease;
      this.honourRequests = honourRequests;
    }

    Context ignoringRequests() {
      return new Context(rollout, step, lease, false);
    }

    @Override
    public String database() {
      return rollout.database();
    }

    @Override
    public void report(String message) {
      try {
        String text = "step " + step + ": " + message;
        if (!store.inTransaction(tx -> tx.rollouts().asHolderMessage(rollout.id(), holder, text))) {
          lease.markLost();
        }
      } catch (RuntimeException e) {
        log.debug("rollout {}: progress not recorded: {}", rollout.id(), e.toString());
      }
    }

    @Override
    public Optional<Stop> stop() {
      if (lease.lost()) {
        return Optional.of(Stop.LEASE_LOST);
      }
      if (!honourRequests) {
        return Optional.empty();
      }
      RolloutRecord now = store.inTransaction(tx -> tx.rollouts().find(rollout.id())).orElseThrow();
      if (!now.holder().equals(Optional.of(holder))) {
        lease.markLost();
        return Optional.of(Stop.LEASE_LOST);
      }
      return switch (now.requested()) {
        case NONE -> Optional.empty();
        case PAUSE -> Optional.of(Stop.PAUSE);
        case CANCEL -> Optional.of(Stop.CANCEL);
        case ROLLBACK -> Optional.of(Stop.ROLLBACK);
      };
    }

    @Override
    public void committing(String xid) throws Stopped {
      boolean held =
          honourRequests
              ? store.inTransaction(
                  tx -> tx.rollouts().asHolderStepXid(rollout.id(), holder, step, xid))
              : store
                  .inTransaction(tx -> tx.rollouts().find(rollout.id()))
                  .flatMap(RolloutRecord::holder)
                  .filter(holder::equals)
                  .isPresent();
      if (!held) {
        lease.markLost();
        throw new Stopped(Stop.LEASE_LOST);
      }
    }

    @Override
    public void rowsTotal(long rows) {
      store.inTransaction(tx -> tx.rollouts().asHolderRowsTotal(rollout.id(), holder, step, rows));
    }

    @Override
    public void checkpoint(String position, int batchSize, long rows) throws Stopped {
      boolean ok =
          store.inTransaction(
              tx ->
                  tx.rollouts()
                      .asHolderCheckpoint(rollout.id(), holder, step, position, batchSize, rows));
      if (!ok) {
        lease.markLost();
        throw new Stopped(Stop.LEASE_LOST);
      }
    }
  }
}

package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.enforce.ApprovedPlans;
import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StepStatus;
import dev.drawbridge.policy.access.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Approved plans run by the rollout executor when their requester runs the statement again: the
 * rollout is applied (re-planned, fingerprint-checked, the grant used up) and watched until it
 * completes, fails or waits for an operator, with a progress line whenever a step starts or ends
 * and every few seconds during a backfill.
 */
public final class RolloutPlans implements ApprovedPlans {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final RolloutService service;
  private final Clock clock;
  private final Sleeper sleeper;

  public RolloutPlans(RolloutService service, Clock clock, Sleeper sleeper) {
    this.service = Objects.requireNonNull(service, "service");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  @Override
  public PlanRun run(String requestId, Principal requester, Consumer<String> progress) {
    RolloutRecord started = service.apply(requestId, requester);
    String id = started.id();
    progress.accept("Drawbridge runs the approved staged plan of " + requestId + " as " + id);
    int reportedDone = 0;
    String lastRunning = "";
    Instant lastReport = clock.instant();
    while (true) {
      RolloutView view = service.show(id);
      RolloutRecord r = view.rollout();
      int steps = view.steps().size();
      for (RolloutStepRecord step : view.steps()) {
        if (step.status() == StepStatus.DONE && step.number() > reportedDone) {
          progress.accept(line(step, steps));
          reportedDone = step.number();
        }
      }
      Instant now = clock.instant();
      for (RolloutStepRecord step : view.steps()) {
        if (step.status() == StepStatus.RUNNING) {
          String running = line(step, steps);
          boolean due = Duration.between(lastReport, now).compareTo(PROGRESS_EVERY) >= 0;
          if (!running.equals(lastRunning) && (due || !sameStep(running, lastRunning))) {
            progress.accept(running);
            lastRunning = running;
            lastReport = now;
          }
        }
      }
      switch (r.status()) {
        case COMPLETED -> {
          return new PlanRun(id, Outcome.COMPLETED, "all " + steps + " steps ran", steps);
        }
        case PAUSED, WAITING -> {
          return new PlanRun(id, Outcome.WAITING, r.message(), steps);
        }
        case FAILED, CANCELLED, ROLLING_BACK, ROLLED_BACK -> {
          return new PlanRun(id, Outcome.FAILED, r.status().label() + ": " + r.message(), steps);
        }
        case QUEUED, RUNNING -> {}
      }
      try {
        sleeper.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new PlanRun(
            id, Outcome.WAITING, "the gateway stopped watching; the rollout goes on", steps);
      }
    }
  }

  private static boolean sameStep(String a, String b) {
    return a.regionMatches(0, b, 0, Math.min(a.indexOf(':') + 1, b.length()));
  }

  /** One step as a person reads it, with backfill progress. */
  private String line(RolloutStepRecord step, int steps) {
    StringBuilder line =
        new StringBuilder()
            .append("step ")
            .append(step.number())
            .append(" of ")
            .append(steps)
            .append(" (")
            .append(step.description())
            .append("): ")
            .append(step.status().label());
    if (step.kind().equals("BACKFILL") && step.rowsDone() > 0) {
      Progress p = Progress.of(step, clock.instant());
      line.append(", ").append(p.rowsDone()).append(" rows");
      p.rowsTotal().ifPresent(t -> line.append(" of about ").append(t));
      p.rowsPerSecond().ifPresent(r -> line.append(", ").append(Math.round(r)).append(" rows/s"));
      p.eta().ifPresent(e -> line.append(", about ").append(e.toSeconds()).append("s left"));
    }
    return line.toString();
  }
}

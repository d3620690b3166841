package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.gateway.store.GrantRecord;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.RequestSubject;
import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutRequest;
import dev.drawbridge.gateway.store.RolloutStatus;
import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.store.StepStatus;
import dev.drawbridge.gateway.store.StoreTransaction;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.WorkflowException;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.plan.StatementResult;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollouts as the admin API and CLI see them: {@code apply} an approved request (re-planned and
 * fingerprint-checked), pause, resume, cancel and roll back, list and show. Runs rollouts on
 * virtual threads through the {@link RolloutRunner}; a poller picks up queued rollouts and those
 * whose holder's lease lapsed (another gateway died). Blocks on JDBC: call it off the event loop.
 */
public final class RolloutService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RolloutService.class);

  private final StateStore store;
  private final RolloutRunner runner;
  private final Replanner replanner;
  private final RolloutSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private Thread poller;

  public RolloutService(
      StateStore store,
      RolloutRunner runner,
      Replanner replanner,
      RolloutSettings settings,
      Clock clock,
      Sleeper sleeper) {
    this.store = Objects.requireNonNull(store, "store");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.replanner = Objects.requireNonNull(replanner, "replanner");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The rollout id of a request: {@code CR-7F3K2} is rolled out as {@code RO-7F3K2}. */
  public static String rolloutIdOf(String requestId) {
    return "RO-" + requestId.substring(requestId.indexOf('-') + 1);
  }

  /** A rollout id as typed ({@code ro-7f3k2}, {@code 7F3K2}, or its request's id). */
  public static String normalizeRolloutId(String typed) {
    String t = typed.strip().toUpperCase(Locale.ROOT);
    int dash = t.indexOf('-');
    String suffix = dash >= 0 ? t.substring(dash + 1) : t;
    if (suffix.isEmpty() || !suffix.chars().allMatch(Character::isLetterOrDigit)) {
      throw new WorkflowException.Invalid("not a rollout id: " + typed);
    }
    return "RO-" + suffix;
  }

  // ---------------------------------------------------------------- apply

  /**
   * Starts the rollout of an approved request: only its requester may, with a usable grant (in its
   * window, not revoked, not used). The statement is planned again on the live catalog and must
   * have the approved fingerprint. The grant is used up when the rollout starts; the request
   * becomes applied when the last step ran.
   *
   * @throws WorkflowException.NotFound no such request
   * @throws WorkflowException.Forbidden not the requester's, or not a statement
   * @throws WorkflowException.Conflict not approved, no usable grant, the plan changed, or already
   *     applied
   */
  public RolloutRecord apply(String requestId, Principal by) {
    Objects.requireNonNull(by, "by");
    String id = RequestIds.normalizeRequestId(requestId);
    ChangeRequestRecord request =
        store
            .inTransaction(tx -> tx.requests().find(id))
            .orElseThrow(() -> new WorkflowException.NotFound("no change request " + id));
    if (!request.requester().equals(by.name())) {
      throw new WorkflowException.Forbidden(
          "only " + request.requester() + ", who asked for request " + id + ", may apply it");
    }
    if (!(request.subject() instanceof RequestSubject.StatementChange change)) {
      throw new WorkflowException.Forbidden(
          "request " + id + " is an elevation; there is no plan to apply");
    }
    if (request.status() != RequestStatus.APPROVED) {
      throw new WorkflowException.Conflict(
          "request " + id + " is " + request.status().label() + ", not approved");
    }
    StatementResult.Judged judged;
    try {
      judged = replanner.replan(request.database(), change.statement());
    } catch (Exception e) {
      throw new WorkflowException.Conflict(
          "cannot plan request " + id + " again on the live catalog: " + e.getMessage());
    }
    if (!judged.fingerprint().equals(change.fingerprint())) {
      throw new WorkflowException.Conflict(
          "the plan of request "
              + id
              + " changed since it was approved (approved "
              + abbreviate(change.fingerprint())
              + ", now "
              + abbreviate(judged.fingerprint())
              + "): the table or its facts changed. Run the statement again to open a new"
              + " request.");
    }
    RolloutRecord r = create(request, judged.plan(), true);
    kick(r.id());
    return r;
  }

  /**
   * Records a rollout of {@code plan} for an approved request and queues it. With {@code useGrant},
   * the request's grant is used up in the same transaction (and must be usable).
   */
  public RolloutRecord create(ChangeRequestRecord request, StagedPlan plan, boolean useGrant) {
    String rolloutId = rolloutIdOf(request.id());
    List<RolloutStepRecord> steps;
    try {
      steps = RolloutPlan.steps(rolloutId, plan);
    } catch (IllegalArgumentException e) {
      throw new WorkflowException.Conflict("the plan cannot be rolled out: " + e.getMessage());
    }
    String fingerprint =
        request.subject() instanceof RequestSubject.StatementChange s ? s.fingerprint() : "";
    Instant now = clock.instant();
    return store.inTransaction(
        tx -> {
          ChangeRequestRecord locked =
              tx.requests()
                  .lock(request.id())
                  .orElseThrow(() -> new WorkflowException.NotFound("no request " + request.id()));
          Optional<RolloutRecord> existing = tx.rollouts().forRequest(request.id());
          if (existing.isPresent()) {
            throw new WorkflowException.Conflict(
                "request "
                    + request.id()
                    + " is already being applied: rollout "
                    + existing.get().id()
                    + " is "
                    + existing.get().status().label());
          }
          if (locked.status() != RequestStatus.APPROVED) {
            throw new WorkflowException.Conflict(
                "request " + request.id() + " is " + locked.status().label() + ", not approved");
          }
          Optional<String> grantId = Optional.empty();
          if (useGrant) {
            grantId = Optional.of(useGrant(tx, request.id(), now));
          }
          RolloutRecord r =
              new RolloutRecord(
                  rolloutId,
                  request.id(),
                  grantId,
                  request.database(),
                  request.requester(),
                  fingerprint,
                  RolloutStatus.QUEUED,
                  RolloutRequest.NONE,
                  Optional.empty(),
                  Optional.empty(),
                  "queued",
                  now,
                  now,
                  Optional.empty());
          if (!tx.rollouts().insert(r, steps)) {
            throw new WorkflowException.Conflict("rollout " + rolloutId + " already exists");
          }
          return r;
        });
  }

  private static String useGrant(StoreTransaction tx, String requestId, Instant now)
      throws SQLException {
    GrantRecord g =
        tx.grants()
            .forRequest(requestId)
            .orElseThrow(
                () -> new WorkflowException.Conflict("request " + requestId + " has no grant"));
    tx.grants().lock(g.id());
    if (!tx.grants().markUsed(g.id(), now)) {
      String why;
      if (g.revokedAt().isPresent()) {
        why = "was revoked by " + g.revokedBy().orElse("someone");
      } else if (now.isBefore(g.notBefore())) {
        why = "starts at " + g.notBefore();
      } else if (!now.isBefore(g.expiresAt())) {
        why = "expired at " + g.expiresAt();
      } else {
        why = "was already used";
      }
      throw new WorkflowException.Conflict("grant " + g.id() + " " + why);
    }
    return g.id();
  }

  private static String abbreviate(String fingerprint) {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
  }

  // ---------------------------------------------------------------- control

  /** Pauses at the next step or batch boundary (a queued rollout at once). */
  public RolloutView pause(String rolloutId) {
    return control(
        rolloutId,
        (tx, r, now) -> {
          switch (r.status()) {
            case QUEUED ->
                tx.rollouts()
                    .update(r.id(), RolloutStatus.PAUSED, RolloutRequest.NONE, "paused", now);
            case RUNNING ->
                tx.rollouts().update(r.id(), r.status(), RolloutRequest.PAUSE, "pausing", now);
            default -> throw conflict(r, "pause");
          }
        });
  }

  /**
   * Queues a paused, waiting (the manual step is then done), failed (the failed step is retried) or
   * cancelled rollout again.
   */
  public RolloutView resume(String rolloutId) {
    RolloutView v =
        control(
            rolloutId,
            (tx, r, now) -> {
              switch (r.status()) {
                case PAUSED, CANCELLED -> {}
                case WAITING -> {
                  for (RolloutStepRecord s : tx.rollouts().steps(r.id())) {
                    if (s.status() != StepStatus.DONE) {
                      tx.rollouts()
                          .setStepStatus(
                              r.id(), s.number(), StepStatus.DONE, "done by an operator", now);
                      break;
                    }
                  }
                }
                case FAILED -> {
                  for (RolloutStepRecord s : tx.rollouts().steps(r.id())) {
                    if (s.status() == StepStatus.FAILED) {
                      tx.rollouts().setStepStatus(r.id(), s.number(), StepStatus.PENDING, "", now);
                    }
                  }
                }
                case RUNNING -> {
                  if (r.requested() != RolloutRequest.PAUSE) {
                    throw conflict(r, "resume");
                  }
                  tx.rollouts().update(r.id(), r.status(), RolloutRequest.NONE, "running", now);
                  return;
                }
                default -> throw conflict(r, "resume");
              }
              tx.rollouts()
                  .update(r.id(), RolloutStatus.QUEUED, RolloutRequest.NONE, "resumed", now);
            });
    kick(v.rollout().id());
    return v;
  }

  /** Stops for good at the next boundary; completed steps stay until a rollback. */
  public RolloutView cancel(String rolloutId) {
    return control(
        rolloutId,
        (tx, r, now) -> {
          switch (r.status()) {
            case QUEUED, PAUSED, WAITING, FAILED ->
                tx.rollouts()
                    .update(r.id(), RolloutStatus.CANCELLED, RolloutRequest.NONE, "cancelled", now);
            case RUNNING ->
                tx.rollouts().update(r.id(), r.status(), RolloutRequest.CANCEL, "cancelling", now);
            default -> throw conflict(r, "cancel");
          }
        });
  }

  /** Undoes the completed steps, last first (after stopping a running rollout). */
  public RolloutView rollback(String rolloutId) {
    RolloutView v =
        control(
            rolloutId,
            (tx, r, now) -> {
              switch (r.status()) {
                case QUEUED, PAUSED, WAITING, FAILED, CANCELLED, COMPLETED ->
                    tx.rollouts()
                        .update(
                            r.id(),
                            RolloutStatus.ROLLING_BACK,
                            RolloutRequest.NONE,
                            "rollback queued",
                            now);
                case RUNNING ->
                    tx.rollouts()
                        .update(r.id(), r.status(), RolloutRequest.ROLLBACK, "rolling back", now);
                default -> throw conflict(r, "roll back");
              }
            });
    kick(v.rollout().id());
    return v;
  }

  @FunctionalInterface
  private interface Change {
    void apply(StoreTransaction tx, RolloutRecord r, Instant now) throws SQLException;
  }

  private RolloutView control(String rolloutId, Change change) {
    String id = normalizeRolloutId(rolloutId);
    Instant now = clock.instant();
    return store.inTransaction(
        tx -> {
          RolloutRecord r =
              tx.rollouts()
                  .lock(id)
                  .orElseThrow(() -> new WorkflowException.NotFound("no rollout " + id));
          change.apply(tx, r, now);
          return new RolloutView(tx.rollouts().find(id).orElseThrow(), tx.rollouts().steps(id));
        });
  }

  private static WorkflowException conflict(RolloutRecord r, String verb) {
    return new WorkflowException.Conflict(
        "cannot " + verb + " rollout " + r.id() + ": it is " + r.status().label());
  }

  // ---------------------------------------------------------------- reading

  public RolloutView show(String rolloutId) {
    String id = normalizeRolloutId(rolloutId);
    return store.inTransaction(
        tx ->
            new RolloutView(
                tx.rollouts()
                    .find(id)
                    .orElseThrow(() -> new WorkflowException.NotFound("no rollout " + id)),
                tx.rollouts().steps(id)));
  }

  public List<RolloutRecord> list(Optional<String> requester, int limit) {
    return store.inTransaction(tx -> tx.rollouts().list(requester, limit));
  }

  // ---------------------------------------------------------------- running

  /** Starts looking for rollouts to run, now and every poll interval. */
  public synchronized void start() {
    if (poller != null) {
      return;
    }
    poller = Thread.ofVirtual().name("drawbridge-rollout-poller").start(this::poll);
  }

  private void poll() {
    while (!closed) {
      try {
        for (String id : store.inTransaction(tx -> tx.rollouts().claimable(clock.instant()))) {
          kick(id);
        }
      } catch (RuntimeException e) {
        log.warn("cannot look for rollouts to run: {}", e.toString());
      }
      try {
        sleeper.sleep(settings.poll());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Runs the rollout on a virtual thread unless this gateway already runs it. */
  public void kick(String rolloutId) {
    if (closed || !runningHere.add(rolloutId)) {
      return;
    }
    Thread t =
        Thread.ofVirtual()
            .name("drawbridge-rollout-" + rolloutId)
            .unstarted(
                () -> {
                  try {
                    runner.run(rolloutId);
                  } catch (RuntimeException e) {
                    log.warn("rollout {} could not run: {}", rolloutId, e.toString());
                  } finally {
                    runningHere.remove(rolloutId);
                    threads.remove(Thread.currentThread());
                  }
                });
    threads.add(t);
    t.start();
  }

  /** True while this gateway runs the rollout. */
  public boolean runningHere(String rolloutId) {
    return runningHere.contains(normalizeRolloutId(rolloutId));
  }

  /** Stops polling and interrupts running rollouts, which queue themselves for another gateway. */
  @Override
  public void close() {
    closed = true;
    Thread p;
    synchronized (this) {
      p = poller;
    }
    if (p != null) {
      p.interrupt();
    }
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(java.time.Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

package dev.drawbridge.gateway.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.GrantFilter;
import dev.drawbridge.gateway.store.GrantRecord;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two gateways (two stores, two connection pools) on one database. */
@ExtendWith(PostgresExtension.class)
class SharedStoreIT {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final int ROUNDS = 20;

  private static ApprovalWorkflow workflow(
      StateStore store, WorkflowSettings settings, MutableClock clock) {
    return new ApprovalWorkflow(store, settings, clock, new RequestIds(new SecureRandom()));
  }

  /** Runs both tasks at the same moment on two threads; returns what each returned or threw. */
  private static List<Object> race(ExecutorService pool, Callable<?> a, Callable<?> b)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<?> task : List.of(a, b)) {
      futures.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  return task.call();
                } catch (WorkflowException e) {
                  return e;
                }
              }));
    }
    go.countDown();
    List<Object> results = new ArrayList<>();
    for (Future<Object> f : futures) {
      results.add(f.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void concurrentApprovalsOnTwoGatewaysGrantExactlyOnce(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "shared_approve");
    MutableClock clock = new MutableClock(T0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (StateStore a = StateStore.open(db.settings(2));
        StateStore b = StateStore.open(db.settings(2))) {
      ApprovalWorkflow gwA = workflow(a, WorkflowSettings.defaults(), clock);
      ApprovalWorkflow gwB = workflow(b, WorkflowSettings.defaults(), clock);
      Principal bob = Principal.human("bob", "approver");
      Principal dave = Principal.human("dave", "approver");
      for (int i = 0; i < ROUNDS; i++) {
        String fp = "fp-" + i;
        String id = gwA.openOrReuse(ApprovalWorkflowIT.draft("alice", false, fp)).id();
        List<Object> results =
            race(
                pool,
                () -> gwA.approve(id, bob, "", Optional.empty()),
                () -> gwB.approve(id, dave, "", Optional.empty()));

        assertThat(results).filteredOn(RequestDetails.class::isInstance).hasSize(1);
        assertThat(results)
            .filteredOn(WorkflowException.Conflict.class::isInstance)
            .singleElement()
            .extracting(e -> ((Exception) e).getMessage())
            .isEqualTo("request " + id + " was already approved");
        RequestDetails seenByB = gwB.request(id);
        assertThat(seenByB.request().status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(seenByB.decisions()).hasSize(1);
        assertThat(gwA.grants(GrantFilter.all().withSubject("alice")))
            .filteredOn(g -> g.requestId().equals(id))
            .hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoRequiredApproversRacingOnTwoGatewaysBothCountAndGrantOnce(TestPostgres pg)
      throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "shared_two");
    MutableClock clock = new MutableClock(T0);
    WorkflowSettings two = WorkflowSettings.defaults().withApprovalsRequired(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (StateStore a = StateStore.open(db.settings(2));
        StateStore b = StateStore.open(db.settings(2))) {
      ApprovalWorkflow gwA = workflow(a, two, clock);
      ApprovalWorkflow gwB = workflow(b, two, clock);
      for (int i = 0; i < ROUNDS; i++) {
        String id = gwA.openOrReuse(ApprovalWorkflowIT.draft("alice", false, "fp-" + i)).id();
        List<Object> results =
            race(
                pool,
                () -> gwA.approve(id, Principal.human("bob", "approver"), "", Optional.empty()),
                () -> gwB.approve(id, Principal.human("dave", "approver"), "", Optional.empty()));

        assertThat(results).allMatch(RequestDetails.class::isInstance);
        RequestDetails d = gwA.request(id);
        assertThat(d.request().status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(d.decisions()).hasSize(2);
        assertThat(d.grant()).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameStatementFromTwoGatewaysAtOnceOpensOneRequest(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "shared_open");
    MutableClock clock = new MutableClock(T0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (StateStore a = StateStore.open(db.settings(2));
        StateStore b = StateStore.open(db.settings(2))) {
      ApprovalWorkflow gwA = workflow(a, WorkflowSettings.defaults(), clock);
      ApprovalWorkflow gwB = workflow(b, WorkflowSettings.defaults(), clock);
      for (int i = 0; i < ROUNDS; i++) {
        ChangeRequestDraft d = ApprovalWorkflowIT.draft("alice", false, "fp-" + i);
        List<Object> results = race(pool, () -> gwA.openOrReuse(d), () -> gwB.openOrReuse(d));
        ChangeRequestTicket first = (ChangeRequestTicket) results.get(0);
        ChangeRequestTicket second = (ChangeRequestTicket) results.get(1);
        assertThat(first.id()).isEqualTo(second.id());
        assertThat(List.of(first.reused(), second.reused())).containsExactlyInAnyOrder(true, false);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sweepersOnTwoGatewaysExpireEachGrantAndRequestOnce(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "shared_sweep");
    MutableClock clock = new MutableClock(T0);
    WorkflowSettings settings =
        new WorkflowSettings(
            1,
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofSeconds(1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (StateStore a = StateStore.open(db.settings(2));
        StateStore b = StateStore.open(db.settings(2))) {
      ApprovalWorkflow wf = workflow(a, settings, clock);
      Principal bob = Principal.human("bob", "approver");
      List<String> approved = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String id = wf.openOrReuse(ApprovalWorkflowIT.draft("alice", false, "fp-a" + i)).id();
        wf.approve(id, bob, "", Optional.empty());
        approved.add(id);
      }
      String used = wf.openOrReuse(ApprovalWorkflowIT.draft("alice", false, "fp-used")).id();
      wf.markUsed(wf.approve(used, bob, "", Optional.empty()).grant().orElseThrow().id());
      List<String> pending = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pending.add(wf.openOrReuse(ApprovalWorkflowIT.draft("erin", false, "fp-p" + i)).id());
      }
      Sweeper sweepA = new Sweeper(a, clock);
      Sweeper sweepB = new Sweeper(b, clock);

      clock.advance(Duration.ofMinutes(9));
      assertThat(sweepA.sweep()).isEqualTo(new Sweeper.Swept(List.of(), List.of()));

      clock.advance(Duration.ofMinutes(1));
      List<Object> first = race(pool, sweepA::sweep, sweepB::sweep);
      List<String> grants = new ArrayList<>();
      List<String> requests = new ArrayList<>();
      for (Object o : first) {
        grants.addAll(((Sweeper.Swept) o).grantsExpired());
        requests.addAll(((Sweeper.Swept) o).requestsExpired());
      }
      // six grants closed (five unused, one used); only the unused ones expire their request
      assertThat(grants).hasSize(6).doesNotHaveDuplicates();
      assertThat(requests).containsExactlyInAnyOrderElementsOf(approved);
      assertThat(wf.request(used).request().status()).isEqualTo(RequestStatus.APPLIED);
      for (String id : pending) {
        assertThat(wf.request(id).request().status()).isEqualTo(RequestStatus.PENDING);
      }
      GrantRecord g = wf.grants(GrantFilter.all()).get(0);
      assertThat(g.expiredAt()).contains(T0.plus(Duration.ofMinutes(10)));

      clock.advance(Duration.ofMinutes(50));
      List<Object> second = race(pool, sweepA::sweep, sweepB::sweep);
      List<String> expiredPending = new ArrayList<>();
      for (Object o : second) {
        assertThat(((Sweeper.Swept) o).grantsExpired()).isEmpty();
        expiredPending.addAll(((Sweeper.Swept) o).requestsExpired());
      }
      assertThat(expiredPending).containsExactlyInAnyOrderElementsOf(pending);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theScheduledSweeperRunsAtOnceAndThenPeriodically(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "shared_schedule");
    MutableClock clock = new MutableClock(T0);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (StateStore store = StateStore.open(db.settings(2));
        Sweeper sweeper = new Sweeper(store, clock)) {
      ApprovalWorkflow wf = workflow(store, WorkflowSettings.defaults(), clock);
      String id = wf.openOrReuse(ApprovalWorkflowIT.draft("alice", false, "fp")).id();
      clock.advance(WorkflowSettings.DEFAULT_REQUEST_TIMEOUT);

      sweeper.start(scheduler, Duration.ofMillis(200));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> wf.request(id).request().status() == RequestStatus.EXPIRED);

      String next = wf.openOrReuse(ApprovalWorkflowIT.draft("alice", false, "fp2")).id();
      GrantRecord g =
          wf.approve(next, Principal.human("bob", "approver"), "", Optional.empty())
              .grant()
              .orElseThrow();
      clock.advance(Duration.ofHours(1));
      await().atMost(Duration.ofSeconds(10)).until(() -> wf.grant(g.id()).expiredAt().isPresent());
      assertThat(wf.request(next).request().status()).isEqualTo(RequestStatus.EXPIRED);
    } finally {
      scheduler.shutdownNow();
    }
  }
}

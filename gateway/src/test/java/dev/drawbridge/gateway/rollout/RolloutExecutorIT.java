package dev.drawbridge.gateway.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutStatus;
import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.store.StepStatus;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The executor against a real PostgreSQL: plans end to end, crashes, locks, control, leases. */
@ExtendWith(PostgresExtension.class)
class RolloutExecutorIT {

  private static final String ADD_REF =
      "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void addColumnWithVolatileDefaultRunsTheStagedPlanThroughApply(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_apply")) {
      h.orders(12_000);
      ChangeRequestRecord request = h.approved(ADD_REF);
      RolloutService service = h.service(h.runner("gw-a"));

      RolloutRecord started = service.apply(request.id(), RolloutHarness.ALICE);
      await().atMost(WAIT).until(() -> h.record(started.id()).status().finished());

      RolloutRecord done = h.record(started.id());
      assertThat(done.status()).isEqualTo(RolloutStatus.COMPLETED);
      assertThat(done.holder()).isEmpty();
      List<RolloutStepRecord> steps = h.steps(done.id());
      assertThat(steps)
          .extracting(RolloutStepRecord::kind)
          .containsExactly(
              "fast-ddl", "fast-ddl", "backfill", "fast-ddl", "validate", "fast-ddl", "cleanup");
      assertThat(steps).allMatch(s -> s.status() == StepStatus.DONE && s.attempts() == 1);
      RolloutStepRecord backfill = steps.get(2);
      assertThat(backfill.rowsDone()).isEqualTo(12_000);
      assertThat(backfill.rowsTotal()).hasValue(12_000);
      assertThat(backfill.batches()).isGreaterThan(1);

      assertThat(h.scalar("SELECT count(*) FROM orders WHERE ref IS NULL")).isZero();
      assertThat(h.scalar("SELECT count(DISTINCT ref) FROM orders")).isEqualTo(12_000);
      assertThat(
              h.strings(
                  "SELECT attnotnull, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN"
                      + " pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE"
                      + " a.attrelid = 'orders'::regclass AND a.attname = 'ref'"))
          .containsExactly("t|gen_random_uuid()");
      assertThat(
              h.scalar(
                  "SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND"
                      + " contype = 'c'"))
          .as("the helper check constraint is gone")
          .isZero();
      assertThat(h.workflow.request(request.id()).request().status())
          .isEqualTo(RequestStatus.APPLIED);
      assertThat(h.workflow.request(request.id()).grant().orElseThrow().useCount()).isEqualTo(1);
    }
  }

  @Test
  void backfillWithoutPrimaryKeyPagesByCtid(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_ctid")) {
      h.exec(
          "CREATE TABLE events (n int, payload text)",
          "INSERT INTO events SELECT g, repeat('x', 50) FROM generate_series(1, 9000) g",
          "ANALYZE events");
      ChangeRequestRecord request =
          h.approved("ALTER TABLE events ADD COLUMN ref uuid DEFAULT gen_random_uuid()");
      RolloutService service = h.service(h.runner("gw-a"));
      RolloutRecord r = h.rollout(service, request);

      assertThat(h.runner("gw-a").run(r.id())).isTrue();

      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      RolloutStepRecord backfill =
          h.steps(r.id()).stream()
              .filter(s -> s.kind().equals("backfill"))
              .findFirst()
              .orElseThrow();
      assertThat(backfill.rowsDone()).isEqualTo(9000);
      assertThat(backfill.batches()).isGreaterThan(1);
      assertThat(h.scalar("SELECT count(*) FROM events WHERE ref IS NULL")).isZero();
      assertThat(h.scalar("SELECT count(DISTINCT ref) FROM events")).isEqualTo(9000);
    }
  }

  @Test
  void aGatewayDyingMidBackfillIsTakenOverAndNothingIsRedoneOrSkipped(TestPostgres pg)
      throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_crash", clock)) {
      h.orders(6_000);
      ChangeRequestRecord request = h.approved(ADD_REF);
      RolloutService service = h.service(h.runner("gw-a"));
      RolloutRecord r = h.rollout(service, request);
      h.exec("ALTER TABLE orders DISABLE TRIGGER ALL"); // nothing else writes orders

      StateStore storeA = h.openStore();
      AtomicInteger pauses = new AtomicInteger();
      Sleeper dying =
          d -> {
            if (d.equals(RolloutHarness.SETTINGS.batchPause()) && pauses.incrementAndGet() == 3) {
              storeA.close(); // the gateway loses everything: no release, no heartbeat
              throw new IllegalStateException("gateway A died");
            }
            Sleeper.system().sleep(d);
          };
      RolloutRunner a = h.runner(storeA, "gw-a", clock, dying, RolloutMetrics.none());
      try {
        a.run(r.id());
      } catch (RuntimeException expected) {
        // the dead gateway's last words
      }

      RolloutRecord orphan = h.record(r.id());
      assertThat(orphan.holder()).hasValue("gw-a");
      assertThat(orphan.status()).isEqualTo(RolloutStatus.RUNNING);
      RolloutStepRecord half = h.steps(r.id()).get(2);
      assertThat(half.status()).isEqualTo(StepStatus.RUNNING);
      assertThat(half.batches()).isEqualTo(3);
      long filledBefore = half.rowsDone();
      assertThat(filledBefore).isPositive().isLessThan(6_000);
      assertThat(h.scalar("SELECT count(*) FROM orders WHERE ref IS NOT NULL"))
          .isEqualTo(filledBefore);
      Map<String, String> before = refs(h);

      RolloutRunner b = h.runner("gw-b", clock, Sleeper.system(), RolloutMetrics.none());
      assertThat(b.run(r.id())).as("the lease has not lapsed yet").isFalse();
      clock.advance(RolloutHarness.SETTINGS.lease().plusSeconds(1));
      assertThat(b.run(r.id())).isTrue();

      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      RolloutStepRecord filled = h.steps(r.id()).get(2);
      assertThat(filled.rowsDone()).as("every row counted once").isEqualTo(6_000);
      assertThat(filled.attempts()).isEqualTo(2);
      assertThat(h.steps(r.id()).subList(0, 2))
          .as("steps done before the crash ran once")
          .allMatch(s -> s.attempts() == 1);
      Map<String, String> after = refs(h);
      assertThat(after).hasSize(6_000).doesNotContainValue(null).containsAllEntriesOf(before);
    }
  }

  private static Map<String, String> refs(RolloutHarness h) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (String row : h.strings("SELECT id, ref FROM orders WHERE ref IS NOT NULL")) {
      String[] p = row.split("\\|");
      out.put(p[0], p[1]);
    }
    return out;
  }

  @Test
  void aLongTransactionMakesTheDdlRetryWithoutQueueingOthersAndIsReported(TestPostgres pg)
      throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_lock");
        Connection blocker = h.app();
        Connection reader = h.app()) {
      h.orders(1_000);
      ChangeRequestRecord request = h.approved("ALTER TABLE orders ADD COLUMN note text");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      RolloutService service =
          h.service(h.runner("gw-a", h.clock, Sleeper.system(), new RolloutMetrics(registry)));
      RolloutRecord r = h.rollout(service, request);

      blocker.setAutoCommit(false);
      int blockerPid;
      try (Statement s = blocker.createStatement()) {
        s.execute("SELECT count(*) FROM orders"); // ACCESS SHARE until the transaction ends
        var rs = s.executeQuery("SELECT pg_backend_pid()");
        rs.next();
        blockerPid = rs.getInt(1);
      }
      service.kick(r.id());

      AtomicLong slowest = new AtomicLong();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      try (Statement s = reader.createStatement()) {
        while (System.nanoTime() < until) {
          long t0 = System.nanoTime();
          s.execute("SELECT count(*) FROM orders");
          slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
        }
      }
      await().atMost(WAIT).until(() -> h.record(r.id()).message().contains("pid " + blockerPid));
      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.RUNNING);
      assertThat(
              h.scalar(
                  "SELECT count(*) FROM information_schema.columns WHERE column_name ="
                      + " 'note'"))
          .isZero();
      blocker.commit();

      await().atMost(WAIT).until(() -> h.record(r.id()).status().finished());
      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      assertThat(
              h.scalar(
                  "SELECT count(*) FROM information_schema.columns WHERE column_name ="
                      + " 'note'"))
          .isOne();
      assertThat(registry.counter(RolloutMetrics.LOCK_RETRIES).count()).isGreaterThan(1);
      assertThat(Duration.ofNanos(slowest.get()))
          .as("readers never queue behind the DDL longer than its lock timeout")
          .isLessThan(RolloutHarness.RETRY.lockTimeout().plusMillis(700));
    }
  }

  @Test
  void rollbackRestoresTheOriginalSchema(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_rollback")) {
      h.orders(3_000);
      String catalog =
          "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
              + " pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d ON"
              + " d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid ="
              + " 'orders'::regclass AND a.attnum > 0 AND NOT a.attisdropped UNION ALL SELECT"
              + " conname, pg_get_constraintdef(oid), convalidated, NULL FROM pg_constraint"
              + " WHERE conrelid = 'orders'::regclass UNION ALL SELECT indexname, indexdef,"
              + " NULL, NULL FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1";
      List<String> original = h.strings(catalog);
      ChangeRequestRecord request = h.approved(ADD_REF);
      RolloutService service = h.service(h.runner("gw-a"));
      RolloutRecord r = h.rollout(service, request);
      assertThat(h.runner("gw-a").run(r.id())).isTrue();
      assertThat(h.strings(catalog)).isNotEqualTo(original);

      service.rollback(r.id());
      await().atMost(WAIT).until(() -> h.record(r.id()).status() == RolloutStatus.ROLLED_BACK);

      assertThat(h.strings(catalog)).isEqualTo(original);
      assertThat(h.steps(r.id())).allMatch(s -> s.status() == StepStatus.ROLLED_BACK);
    }
  }

  @Test
  void pauseStopsAtABatchBoundaryAndResumeCarriesOn(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_pause")) {
      h.orders(6_000);
      ChangeRequestRecord request = h.approved(ADD_REF);
      AtomicInteger pauses = new AtomicInteger();
      RolloutService[] service = new RolloutService[1];
      String[] id = new String[1];
      Sleeper pausing =
          d -> {
            if (d.equals(RolloutHarness.SETTINGS.batchPause()) && pauses.incrementAndGet() == 2) {
              service[0].pause(id[0]);
            }
            Sleeper.system().sleep(d);
          };
      service[0] = h.service(h.runner("gw-a", h.clock, pausing, RolloutMetrics.none()));
      RolloutRecord r = h.rollout(service[0], request);
      id[0] = r.id();

      service[0].kick(r.id());
      await().atMost(WAIT).until(() -> h.record(r.id()).status() == RolloutStatus.PAUSED);
      RolloutStepRecord paused = h.steps(r.id()).get(2);
      assertThat(paused.batches()).isEqualTo(2);
      assertThat(h.scalar("SELECT count(*) FROM orders WHERE ref IS NOT NULL"))
          .isEqualTo(paused.rowsDone())
          .isLessThan(6_000);
      assertThat(h.record(r.id()).holder()).isEmpty();

      service[0].resume(r.id());
      await().atMost(WAIT).until(() -> h.record(r.id()).status().finished());
      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      assertThat(h.steps(r.id()).get(2).rowsDone()).isEqualTo(6_000);
      assertThat(h.scalar("SELECT count(*) FROM orders WHERE ref IS NULL")).isZero();
    }
  }

  @Test
  void twoGatewaysRacingForOneRolloutRunItExactlyOnce(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_race")) {
      h.orders(2_000);
      ChangeRequestRecord request = h.approved(ADD_REF);
      RolloutRecord r = h.rollout(h.service(h.runner("gw-a")), request);
      StateStore storeB = h.openStore();
      RolloutRunner a = h.runner("gw-a");
      RolloutRunner b = h.runner(storeB, "gw-b", h.clock, Sleeper.system(), RolloutMetrics.none());

      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> fa =
            pool.submit(
                () -> {
                  go.await();
                  return a.run(r.id());
                });
        Future<Boolean> fb =
            pool.submit(
                () -> {
                  go.await();
                  return b.run(r.id());
                });
        go.countDown();
        assertThat(List.of(fa.get(60, TimeUnit.SECONDS), fb.get(60, TimeUnit.SECONDS)))
            .containsExactlyInAnyOrder(true, false);
      } finally {
        pool.shutdownNow();
      }
      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      assertThat(h.steps(r.id())).allMatch(s -> s.attempts() == 1);
    }
  }

  @Test
  void aFailedConcurrentIndexBuildLeavesNoInvalidIndex(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_cic")) {
      h.orders(2_000);
      ChangeRequestRecord request =
          h.approved("CREATE UNIQUE INDEX orders_total_key ON orders (total)");
      RolloutService service = h.service(h.runner("gw-a"));
      RolloutRecord r = h.rollout(service, request);
      assertThat(h.steps(r.id())).extracting(RolloutStepRecord::kind).contains("concurrent");

      assertThat(h.runner("gw-a").run(r.id())).isTrue();

      RolloutRecord failed = h.record(r.id());
      assertThat(failed.status()).isEqualTo(RolloutStatus.FAILED);
      assertThat(failed.message()).contains("23505").contains("invalid index");
      assertThat(h.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
      assertThat(h.scalar("SELECT count(*) FROM pg_class WHERE relname = 'orders_total_key'"))
          .isZero();
    }
  }

  @Test
  void onlyTheRequesterAppliesAndOnlyOnceWithTheApprovedPlan(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_rules")) {
      h.orders(100);
      ChangeRequestRecord request = h.approved(ADD_REF);
      RolloutService service = h.service(h.runner("gw-a"));

      assertThatThrownBy(() -> service.apply(request.id(), RolloutHarness.BOB))
          .hasMessageContaining("only alice");
      h.exec("ALTER TABLE orders DROP CONSTRAINT orders_pkey");
      assertThatThrownBy(() -> service.apply(request.id(), RolloutHarness.ALICE))
          .hasMessageContaining("changed since it was approved");
      h.exec("ALTER TABLE orders ADD PRIMARY KEY (id)");

      RolloutRecord r = service.apply(request.id(), RolloutHarness.ALICE);
      assertThatThrownBy(() -> service.apply(request.id(), RolloutHarness.ALICE))
          .hasMessageContaining("already being applied");
      await().atMost(WAIT).until(() -> h.record(r.id()).status().finished());
      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
    }
  }

  @Test
  void aManualStepWaitsForAnOperatorAndResumeGoesOn(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_manual")) {
      h.orders(500);
      ChangeRequestRecord request = h.approved("ALTER TABLE orders RENAME TO orders_v2");
      RolloutService service = h.service(h.runner("gw-a"));
      RolloutRecord r = h.rollout(service, request);
      assertThat(h.steps(r.id()))
          .extracting(RolloutStepRecord::kind)
          .containsExactly("fast-ddl", "manual", "cleanup");

      assertThat(h.runner("gw-a").run(r.id())).isTrue();

      RolloutRecord waiting = h.record(r.id());
      assertThat(waiting.status()).isEqualTo(RolloutStatus.WAITING);
      assertThat(waiting.message()).contains("step 2 is manual").contains("rollouts resume");
      assertThat(h.scalar("SELECT count(*) FROM pg_views WHERE viewname = 'orders'")).isOne();
      assertThat(h.scalar("SELECT count(*) FROM orders_v2")).isEqualTo(500);

      service.resume(r.id());
      await().atMost(WAIT).until(() -> h.record(r.id()).status().finished());
      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      assertThat(h.scalar("SELECT count(*) FROM pg_views WHERE viewname = 'orders'")).isZero();
      assertThat(h.steps(r.id()).get(1).message()).isEqualTo("done by an operator");
    }
  }

  @Test
  void anIndexIsBuiltConcurrentlyAndValid(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_cic_ok")) {
      h.orders(5_000);
      ChangeRequestRecord request = h.approved("CREATE INDEX orders_total_idx ON orders (total)");
      RolloutService service = h.service(h.runner("gw-a"));
      RolloutRecord r = h.rollout(service, request);
      assertThat(h.steps(r.id())).extracting(RolloutStepRecord::kind).containsExactly("concurrent");

      assertThat(h.runner("gw-a").run(r.id())).isTrue();

      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      assertThat(
              h.strings(
                  "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_total_idx'::regclass"))
          .containsExactly("t");
    }
  }

  @Test
  void aStepThatCommittedJustBeforeItsGatewayDiedIsNotRunAgain(TestPostgres pg) throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_commit", clock)) {
      h.orders(100);
      ChangeRequestRecord request = h.approved("ALTER TABLE orders ADD COLUMN note text");
      RolloutRecord r = h.rollout(h.service(h.runner("gw-a")), request);
      StateStore storeA = h.openStore();
      DdlConnections diesAfterCommit =
          database -> {
            Connection real = h.ddl.open(database);
            return (Connection)
                Proxy.newProxyInstance(
                    Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                      Object result;
                      try {
                        result = method.invoke(real, args);
                      } catch (InvocationTargetException e) {
                        throw e.getCause();
                      }
                      if (method.getName().equals("commit")) {
                        storeA.close(); // gateway A is gone before it records the step's end
                      }
                      return result;
                    });
          };
      RolloutRunner a =
          h.runner(storeA, diesAfterCommit, "gw-a", clock, Sleeper.system(), RolloutMetrics.none());
      try {
        a.run(r.id());
      } catch (RuntimeException expected) {
        // the dead gateway's last words
      }
      RolloutStepRecord orphan = h.steps(r.id()).getFirst();
      assertThat(orphan.status()).isEqualTo(StepStatus.RUNNING);
      assertThat(orphan.xid()).isPresent();
      assertThat(
              h.scalar(
                  "SELECT count(*) FROM information_schema.columns WHERE column_name ="
                      + " 'note'"))
          .isOne();

      clock.advance(RolloutHarness.SETTINGS.lease().plusSeconds(1));
      assertThat(h.runner("gw-b", clock, Sleeper.system(), RolloutMetrics.none()).run(r.id()))
          .isTrue();

      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      RolloutStepRecord step = h.steps(r.id()).getFirst();
      assertThat(step.status()).isEqualTo(StepStatus.DONE);
      assertThat(step.attempts()).as("not started again").isOne();
      assertThat(step.message()).contains("not run again");
    }
  }

  @Test
  void theBackfillWaitsWhileSessionsQueueForLocksOnItsTable(TestPostgres pg) throws Exception {
    try (RolloutHarness h = RolloutHarness.create(pg, "ro_throttle");
        Connection reader = h.app();
        Connection locker = h.app()) {
      h.orders(3_000);
      ChangeRequestRecord request =
          h.approved("ALTER TABLE orders ADD COLUMN ref uuid DEFAULT gen_random_uuid()");
      RolloutSettings s = RolloutHarness.SETTINGS;
      RolloutSettings noWaiters =
          new RolloutSettings(
              s.concurrentStatementTimeout(),
              s.validateStatementTimeout(),
              s.batchStatementTimeout(),
              s.targetBatchDuration(),
              s.minBatchSize(),
              s.maxBatchSize(),
              s.batchPause(),
              s.maxReplicationLag(),
              0,
              s.throttlePause(),
              s.lease(),
              s.heartbeat(),
              s.poll(),
              s.blockerPoll());
      // after the first batch, a reader holds the table and a DDL queues behind it
      Thread[] queued = new Thread[1];
      AtomicInteger pauses = new AtomicInteger();
      Sleeper queueUp =
          d -> {
            if (d.equals(s.batchPause()) && pauses.incrementAndGet() == 1) {
              try {
                reader.setAutoCommit(false);
                try (Statement st = reader.createStatement()) {
                  st.execute("SELECT count(*) FROM orders");
                }
                queued[0] =
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              try (Statement st = locker.createStatement()) {
                                locker.setAutoCommit(false);
                                st.execute("SET LOCAL lock_timeout = '30s'");
                                st.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
                                locker.commit();
                              } catch (java.sql.SQLException e) {
                                // the test fails on its own assertions
                              }
                            });
                await()
                    .atMost(WAIT)
                    .until(() -> h.scalar("SELECT count(*) FROM pg_locks WHERE NOT granted") > 0);
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
              }
            }
            Sleeper.system().sleep(d);
          };
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      RolloutRunner runner =
          h.runner(
              h.store, h.ddl, noWaiters, "gw-a", h.clock, queueUp, new RolloutMetrics(registry));
      RolloutService service = h.service(runner);
      RolloutRecord r = h.rollout(service, request);
      service.kick(r.id());

      await().atMost(WAIT).until(() -> h.record(r.id()).message().contains("throttled"));
      assertThat(h.record(r.id()).message()).contains("wait for locks on orders");
      assertThat(h.steps(r.id()).get(2).rowsDone()).isEqualTo(1_000);
      assertThat(registry.counter(RolloutMetrics.THROTTLED).count()).isPositive();

      reader.rollback(); // the queued LOCK gets its lock and commits at once
      queued[0].join(Duration.ofSeconds(30));
      await().atMost(WAIT).until(() -> h.record(r.id()).status().finished());
      assertThat(h.record(r.id()).status()).isEqualTo(RolloutStatus.COMPLETED);
      assertThat(h.scalar("SELECT count(*) FROM orders WHERE ref IS NULL")).isZero();
    }
  }
}

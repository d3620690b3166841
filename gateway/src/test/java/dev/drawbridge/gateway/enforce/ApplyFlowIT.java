package dev.drawbridge.gateway.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.rollout.CatalogReplanner;
import dev.drawbridge.gateway.rollout.PooledDdlConnections;
import dev.drawbridge.gateway.rollout.RolloutMetrics;
import dev.drawbridge.gateway.rollout.RolloutPlans;
import dev.drawbridge.gateway.rollout.RolloutRunner;
import dev.drawbridge.gateway.rollout.RolloutService;
import dev.drawbridge.gateway.rollout.RolloutSettings;
import dev.drawbridge.gateway.rollout.Sleeper;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutStatus;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.RetryPolicy;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The core flow with {@code apply}: an unsafe ADD COLUMN sent over the wire is refused with a
 * change request; once someone else approved it, its requester applies it and the staged plan runs
 * (re-planned from the live catalog with the fingerprint the gate computed).
 */
@ExtendWith(PostgresExtension.class)
class ApplyFlowIT {

  private static final Pattern REQUEST_ID = Pattern.compile("CR-[0-9A-Z]+");

  @Test
  void refusedApprovedAppliedAndRunAsTheStagedPlan(TestPostgres pg) throws Exception {
    pg.execute(
        "DROP TABLE IF EXISTS apply_orders; CREATE TABLE apply_orders (id int PRIMARY KEY, qty"
            + " int); INSERT INTO apply_orders SELECT g, 1 FROM generate_series(1, 20000) g;"
            + " ANALYZE apply_orders");
    Clock clock = Clock.systemUTC();
    try (StateStore store = StateStore.open(FreshDatabase.create(pg, "apply_flow").settings());
        PooledDdlConnections ddl = ddl(pg)) {
      ApprovalWorkflow workflow =
          new ApprovalWorkflow(
              store, WorkflowSettings.defaults(), clock, new RequestIds(new SecureRandom()));
      EnforcedGateway gw = new EnforcedGateway(pg, PolicyMode.ENFORCE, workflow);
      try (RolloutService rollouts = service(store, ddl, clock)) {
        String unsafe =
            "ALTER TABLE apply_orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";
        String id = refusedWithRequest(gw, unsafe);
        workflow.approve(id, Principal.human("bob", "approver"), "ok", Optional.empty());

        RolloutRecord r = rollouts.apply(id, Principal.human("alice", "engineer"));
        appliedOnce(pg, r, rollouts, workflow, id);
      } finally {
        gw.close();
      }
    }
  }

  @Test
  void reRunningTheApprovedStatementRunsItsStagedPlanWithProgressNotices(TestPostgres pg)
      throws Exception {
    pg.execute(
        "DROP TABLE IF EXISTS apply_orders; CREATE TABLE apply_orders (id int PRIMARY KEY, qty"
            + " int); INSERT INTO apply_orders SELECT g, 1 FROM generate_series(1, 20000) g;"
            + " ANALYZE apply_orders");
    Clock clock = Clock.systemUTC();
    try (StateStore store = StateStore.open(FreshDatabase.create(pg, "rerun_flow").settings());
        PooledDdlConnections ddl = ddl(pg)) {
      ApprovalWorkflow workflow =
          new ApprovalWorkflow(
              store, WorkflowSettings.defaults(), clock, new RequestIds(new SecureRandom()));
      try (RolloutService rollouts = service(store, ddl, clock)) {
        rollouts.start();
        EnforcedGateway gw =
            new EnforcedGateway(
                pg,
                PolicyMode.ENFORCE,
                workflow,
                WorkflowSettings.defaults(),
                clock,
                Optional.of(new RolloutPlans(rollouts, clock, Sleeper.system())));
        try {
          String unsafe =
              "ALTER TABLE apply_orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";
          String id = refusedWithRequest(gw, unsafe);
          workflow.approve(id, Principal.human("bob", "approver"), "ok", Optional.empty());
          try (Connection c = gw.connect("alice");
              Statement s = c.createStatement()) {
            s.execute(unsafe);
            StringBuilder notices = new StringBuilder();
            for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
              notices.append(w.getMessage()).append('\n');
            }
            assertThat(notices.toString())
                .contains("runs the approved staged plan of " + id)
                .contains("step 1 of")
                .contains("ran the approved staged plan of " + id);
          }
          RolloutRecord r = rollouts.list(Optional.of("alice"), 10).getFirst();
          assertThat(r.requestId()).isEqualTo(id);
          appliedOnce(pg, r, rollouts, workflow, id);
          // used up: the same statement again opens a new request
          assertThat(refusedWithRequest(gw, unsafe.replace(" ref ", " ref2 "))).isNotEqualTo(id);
        } finally {
          gw.close();
        }
      }
    }
  }

  private static String refusedWithRequest(EnforcedGateway gw, String sql) throws Exception {
    try (Connection c = gw.connect("alice");
        Statement s = c.createStatement()) {
      Throwable t = catchThrowable(() -> s.execute(sql));
      assertThat(t).isInstanceOf(PSQLException.class);
      Matcher m = REQUEST_ID.matcher(((PSQLException) t).getServerErrorMessage().getMessage());
      assertThat(m.find()).isTrue();
      return m.group();
    }
  }

  private static PooledDdlConnections ddl(TestPostgres pg) {
    return new PooledDdlConnections(
        new PooledDdlConnections.Upstream(
            pg.host(),
            pg.port(),
            pg.superuser(),
            pg.superuserPassword().isEmpty()
                ? Optional.empty()
                : Optional.of(pg.superuserPassword()),
            3,
            Duration.ofSeconds(10)));
  }

  private static RolloutService service(StateStore store, PooledDdlConnections ddl, Clock clock) {
    return new RolloutService(
        store,
        new RolloutRunner(
            store,
            ddl,
            RolloutSettings.defaults(),
            RetryPolicy.defaults(),
            clock,
            Sleeper.system(),
            new SplittableRandom(1),
            RolloutMetrics.none(),
            "gw-test"),
        new CatalogReplanner(ddl, new PolicyEngine(), new CatalogInspector()),
        RolloutSettings.defaults(),
        clock,
        Sleeper.system());
  }

  /** The rollout completed, the request is applied and every row got its own value. */
  private static void appliedOnce(
      TestPostgres pg,
      RolloutRecord r,
      RolloutService rollouts,
      ApprovalWorkflow workflow,
      String id)
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> rollouts.show(r.id()).rollout().status().finished());
    assertThat(rollouts.show(r.id()).rollout().status()).isEqualTo(RolloutStatus.COMPLETED);
    assertThat(workflow.request(id).request().status()).isEqualTo(RequestStatus.APPLIED);
    try (Connection c = pg.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FILTER (WHERE ref IS NULL), count(DISTINCT ref),"
                    + " bool_and(a.attnotnull) FROM apply_orders, pg_attribute a WHERE"
                    + " a.attrelid = 'apply_orders'::regclass AND a.attname = 'ref'")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
      assertThat(rs.getLong(2)).isEqualTo(20_000);
      assertThat(rs.getBoolean(3)).isTrue();
    }
  }
}

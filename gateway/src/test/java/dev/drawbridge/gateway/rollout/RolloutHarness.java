package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutStepRecord;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.RetryPolicy;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.testkit.TestPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * One test's world: a state store database, an application database (the upstream), the DDL pool to
 * it, and the workflow to open and approve requests. Timeouts are short so the tests are fast.
 */
public final class RolloutHarness implements AutoCloseable {

  static final Principal ALICE = Principal.human("alice", "engineer");
  static final Principal BOB = Principal.human("bob", "approver");

  static final RetryPolicy RETRY =
      new RetryPolicy(
          Duration.ofMillis(300),
          Duration.ofSeconds(20),
          30,
          Duration.ofMillis(20),
          Duration.ofMillis(100));

  static final RolloutSettings SETTINGS =
      new RolloutSettings(
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofSeconds(30),
          Duration.ofMillis(200),
          100,
          1_000,
          Duration.ofMillis(1),
          Duration.ofSeconds(10),
          1000,
          Duration.ofMillis(20),
          Duration.ofSeconds(3),
          Duration.ofMillis(500),
          Duration.ofMillis(200),
          Duration.ofMillis(50));

  final TestPostgres pg;
  final FreshDatabase storeDb;
  final FreshDatabase appDb;
  final StateStore store;
  final PooledDdlConnections ddl;
  final Clock clock;
  final ApprovalWorkflow workflow;
  final CatalogReplanner replanner;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private RolloutHarness(TestPostgres pg, String prefix, Clock clock) throws SQLException {
    this.pg = pg;
    this.clock = clock;
    this.storeDb = FreshDatabase.create(pg, prefix + "_store");
    this.appDb = FreshDatabase.create(pg, prefix + "_app");
    this.store = StateStore.open(storeDb.settings(6));
    this.ddl =
        new PooledDdlConnections(
            new PooledDdlConnections.Upstream(
                pg.host(),
                pg.port(),
                pg.superuser(),
                pg.superuserPassword().isEmpty()
                    ? Optional.empty()
                    : Optional.of(pg.superuserPassword()),
                6,
                Duration.ofSeconds(10)));
    this.workflow =
        new ApprovalWorkflow(
            store, WorkflowSettings.defaults(), clock, new RequestIds(new SecureRandom()));
    this.replanner = new CatalogReplanner(ddl, new PolicyEngine(), new CatalogInspector());
  }

  public static RolloutHarness create(TestPostgres pg, String prefix) throws SQLException {
    return new RolloutHarness(pg, prefix, Clock.systemUTC());
  }

  static RolloutHarness create(TestPostgres pg, String prefix, Clock clock) throws SQLException {
    return new RolloutHarness(pg, prefix, clock);
  }

  /** A superuser connection to the application database. */
  Connection app() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", pg.superuser());
    if (!pg.superuserPassword().isEmpty()) {
      p.setProperty("password", pg.superuserPassword());
    }
    return DriverManager.getConnection(pg.jdbcUrl(appDb.name()), p);
  }

  void exec(String... sql) throws SQLException {
    try (Connection c = app();
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  public long scalar(String sql) throws SQLException {
    try (Connection c = app();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = app();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  /** {@code orders(id bigint primary key, total int)} with {@code rows} rows, analyzed. */
  public void orders(int rows) throws SQLException {
    exec(
        "CREATE TABLE orders (id bigint PRIMARY KEY, total int NOT NULL)",
        "INSERT INTO orders SELECT g, g % 100 FROM generate_series(1, " + rows + ") g",
        "ANALYZE orders");
  }

  /** Alice's request for {@code statement}, approved by Bob, fingerprinted as apply will. */
  public ChangeRequestRecord approved(String statement) throws Exception {
    StatementResult.Judged j = replanner.replan(appDb.name(), statement);
    ChangeRequestDraft draft =
        new ChangeRequestDraft(
            ALICE.name(),
            false,
            appDb.name(),
            statement,
            j.fingerprint(),
            "{}",
            "{}",
            "{}",
            "test");
    String id = workflow.openOrReuse(draft).id();
    workflow.approve(id, BOB, "ok", Optional.empty());
    return workflow.request(id).request();
  }

  RolloutRunner runner(String holder, Clock clock, Sleeper sleeper, RolloutMetrics metrics) {
    return runner(store, holder, clock, sleeper, metrics);
  }

  RolloutRunner runner(
      StateStore on, String holder, Clock clock, Sleeper sleeper, RolloutMetrics metrics) {
    return runner(on, ddl, holder, clock, sleeper, metrics);
  }

  RolloutRunner runner(
      StateStore on,
      DdlConnections through,
      String holder,
      Clock clock,
      Sleeper sleeper,
      RolloutMetrics metrics) {
    return runner(on, through, SETTINGS, holder, clock, sleeper, metrics);
  }

  RolloutRunner runner(
      StateStore on,
      DdlConnections through,
      RolloutSettings settings,
      String holder,
      Clock clock,
      Sleeper sleeper,
      RolloutMetrics metrics) {
    return new RolloutRunner(
        on, through, settings, RETRY, clock, sleeper, new SplittableRandom(7), metrics, holder);
  }

  public RolloutRunner runner(String holder) {
    return runner(holder, clock, Sleeper.system(), RolloutMetrics.none());
  }

  public RolloutService service(RolloutRunner runner) {
    RolloutService s =
        new RolloutService(store, runner, replanner, SETTINGS, clock, Sleeper.system());
    closeables.add(s);
    return s;
  }

  /** A rollout of the request's plan, created without using its grant. */
  RolloutRecord rollout(RolloutService service, ChangeRequestRecord request) throws Exception {
    String statement =
        ((dev.drawbridge.gateway.store.RequestSubject.StatementChange) request.subject())
            .statement();
    return service.create(request, replanner.replan(request.database(), statement).plan(), false);
  }

  public RolloutRecord record(String id) {
    return store.inTransaction(tx -> tx.rollouts().find(id)).orElseThrow();
  }

  List<RolloutStepRecord> steps(String id) {
    return store.inTransaction(tx -> tx.rollouts().steps(id));
  }

  StateStore openStore() {
    StateStore s = StateStore.open(storeDb.settings(4));
    closeables.add(s);
    return s;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      try {
        c.close();
      } catch (RuntimeException e) {
        // already closed by the test
      }
    }
    ddl.close();
    store.close();
  }
}

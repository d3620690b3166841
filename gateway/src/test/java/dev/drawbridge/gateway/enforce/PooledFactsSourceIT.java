package dev.drawbridge.gateway.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.catalog.CatalogCache;
import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gate's deferred path against the real catalog, without the proxy: facts are fetched through
 * the read-only HikariCP pool on the executor, cached, and the next decision is immediate.
 */
@ExtendWith(PostgresExtension.class)
class PooledFactsSourceIT {

  private static final String UNSAFE = " ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";

  @Test
  void factsComeFromTheCatalogThenFromTheCache(TestPostgres pg) throws Exception {
    pg.execute(
        "DROP TABLE IF EXISTS pfs_big, pfs_empty; CREATE TABLE pfs_big (id int);"
            + " INSERT INTO pfs_big SELECT generate_series(1, 30000); ANALYZE pfs_big;"
            + " CREATE TABLE pfs_empty (id int)");
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    PooledFactsSource facts =
        new PooledFactsSource(
            new PooledFactsSource.Upstream(
                pg.host(),
                pg.port(),
                pg.superuser(),
                pg.superuserPassword().isEmpty()
                    ? Optional.empty()
                    : Optional.of(pg.superuserPassword()),
                2,
                Duration.ofSeconds(5)),
            new CatalogCache(new CatalogInspector(), Clock.systemUTC(), Duration.ofMinutes(5)));
    InMemoryChangeDesk desk = new InMemoryChangeDesk();
    try (PolicyGate gate =
        new PolicyGate(
            EnforcementSettings.defaults(),
            new PolicyEngine(),
            facts,
            desk,
            executor,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            List.<AutoCloseable>of(facts, executor::shutdownNow))) {
      SessionGate g =
          gate.open(new GateSession(1, "alice", Set.of("engineer"), pg.database(), "", "test"));

      GateDecision big = g.check(statement("ALTER TABLE pfs_big" + UNSAFE));
      assertThat(big).isInstanceOf(GateDecision.Deferred.class);
      GateDecision.Deny deny = (GateDecision.Deny) settle(big);
      assertThat(deny.detail()).contains("estimated rows 30,000").contains("ACCESS EXCLUSIVE");
      assertThat(deny.message()).contains("CR-1");

      GateDecision empty = g.check(statement("ALTER TABLE pfs_empty" + UNSAFE));
      assertThat(settle(empty)).as("an empty table may be rewritten").isSameAs(GateDecision.ALLOW);

      // the facts of pfs_big are cached now: the decision needs no lookup, only the desk
      GateDecision again = g.check(statement("ALTER TABLE pfs_big" + UNSAFE));
      assertThat(((GateDecision.Deny) settle(again)).message()).contains("CR-1 is open");
      assertThat(g.check(statement("ALTER TABLE pfs_big ADD COLUMN note text")))
          .isSameAs(GateDecision.ALLOW);
    }
    try (Connection c = pg.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'drawbridge"
                    + " catalog facts'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the pool is closed with the gate").isZero();
    }
  }

  @Test
  void pooledConnectionsAreReadOnly(TestPostgres pg) throws Exception {
    PooledFactsSource.Upstream up =
        new PooledFactsSource.Upstream(
            pg.host(), pg.port(), pg.superuser(), Optional.empty(), 1, Duration.ofSeconds(3));
    try (PooledFactsSource facts =
        new PooledFactsSource(
            up, new CatalogCache(new CatalogInspector(), Clock.systemUTC(), Duration.ZERO))) {
      // reach into the pool the way the inspector does, and try to write
      var pool = facts.poolForTest(pg.database());
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('default_transaction_read_only'),"
                    + " current_setting('statement_timeout')")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("on");
          assertThat(rs.getString(2)).isEqualTo("3s");
        }
        c.setReadOnly(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> s.execute("CREATE TABLE pfs_should_not_exist (id int)"))
            .hasMessageContaining("read-only");
      }
    }
  }

  private static GateStatement statement(String sql) {
    return new GateStatement(GateStatement.Protocol.SIMPLE_QUERY, "", sql);
  }

  private static GateDecision settle(GateDecision d) {
    if (d instanceof GateDecision.Deferred deferred) {
      return deferred.decision().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }
    return d;
  }
}

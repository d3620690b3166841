package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * A gate whose decisions complete later on another thread, as the policy gate's do when it must
 * read the catalog: statements and everything after them wait, in order, and a failed decision
 * denies.
 */
@ExtendWith(PostgresExtension.class)
class DeferredGateIT {

  private static final Executor LATER =
      CompletableFuture.delayedExecutor(15, TimeUnit.MILLISECONDS);
  private static final AtomicInteger deferred = new AtomicInteger();
  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) throws SQLException {
    proxy =
        new ProxyFixture(
            pg,
            (session, statement) -> {
              String sql = statement.sql();
              if (!sql.contains("/*slow*/")) {
                return GateDecision.allow();
              }
              deferred.incrementAndGet();
              if (sql.contains("broken")) {
                return GateDecision.deferred(
                    CompletableFuture.supplyAsync(
                        () -> {
                          throw new IllegalStateException("catalog unreachable");
                        },
                        LATER));
              }
              GateDecision answer =
                  sql.contains("forbidden")
                      ? GateDecision.deny("42501", "needs approval", null, "ask someone")
                      : GateDecision.allow();
              return GateDecision.deferred(CompletableFuture.supplyAsync(() -> answer, LATER));
            },
            b -> {});
    pg.execute("DROP TABLE IF EXISTS deferred_t");
    pg.execute("CREATE TABLE deferred_t (seq serial primary key, v int)");
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void clean() throws SQLException {
    proxy.pg.execute("TRUNCATE deferred_t RESTART IDENTITY");
  }

  private static List<Integer> values() throws SQLException {
    List<Integer> values = new ArrayList<>();
    try (Connection c = proxy.pg.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM deferred_t ORDER BY seq")) {
      while (rs.next()) {
        values.add(rs.getInt(1));
      }
    }
    return values;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"preferQueryMode=simple", "prepareThreshold=1", "preferQueryMode=extended"})
  void aBatchMixingDeferredAndImmediateStatementsRunsInOrder(String mode) throws SQLException {
    int before = deferred.get();
    try (Connection c = proxy.connect(mode);
        Statement s = c.createStatement()) {
      for (int i = 0; i < 20; i++) {
        s.addBatch(
            (i % 3 == 0 ? "/*slow*/ " : "") + "INSERT INTO deferred_t (v) VALUES (" + i + ")");
      }
      s.executeBatch();
    }
    assertThat(values()).containsExactlyElementsOf(range(20));
    assertThat(deferred.get() - before).isGreaterThanOrEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"preferQueryMode=simple", "prepareThreshold=1", "preferQueryMode=extended"})
  void aDeferredDenialAbortsTheTransactionLikeAnImmediateOne(String mode) throws SQLException {
    try (Connection c = proxy.connect(mode);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("INSERT INTO deferred_t (v) VALUES (1)");
      assertThatThrownBy(() -> s.execute("/*slow*/ SELECT 'forbidden'"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getServerErrorMessage().getHint()).isEqualTo("ask someone");
              });
      assertThatThrownBy(() -> s.execute("SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
      c.rollback();
      c.setAutoCommit(true);
      try (ResultSet rs = s.executeQuery("/*slow*/ SELECT 42")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
    assertThat(values()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"preferQueryMode=simple", "preferQueryMode=extended"})
  void aDecisionThatFailsDeniesAndTheSessionGoesOn(String mode) throws SQLException {
    try (Connection c = proxy.connect(mode);
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("/*slow*/ SELECT 'broken'"))
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("XX000"));
      try (PreparedStatement ps = c.prepareStatement("/*slow*/ SELECT ?::int + 1")) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(2);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"preferQueryMode=simple", "preferQueryMode=extended"})
  void aClientThatLeavesWhileADecisionIsPendingLeavesNothingBehind(String mode) throws Exception {
    Connection c = proxy.connect(mode);
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (Statement s = c.createStatement()) {
                    s.execute("/*slow*/ INSERT INTO deferred_t (v) VALUES (1)");
                  } catch (SQLException expected) {
                    // the connection is closed under it
                  }
                });
    c.abort(Runnable::run);
    t.join(10_000);
    // the session is gone from the gateway and nothing it held leaked (paranoid leak detection)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (proxy.server.activeSessions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(proxy.server.activeSessions()).isZero();
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(i);
    }
    return r;
  }
}

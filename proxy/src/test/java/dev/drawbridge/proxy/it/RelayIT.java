package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

@ExtendWith(PostgresExtension.class)
class RelayIT {

  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) {
    proxy = new ProxyFixture(pg);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "preferQueryMode=simple",
        "preferQueryMode=extended",
        "prepareThreshold=1",
        "prepareThreshold=1&binaryTransfer=true",
        "preferQueryMode=extendedForPrepared"
      })
  void queriesInEveryQueryMode(String mode) throws SQLException {
    try (Connection c = proxy.connect(mode)) {
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::int + 1, 'x' || ?::text")) {
          ps.setInt(1, i);
          ps.setString(2, "y" + i);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(i + 1);
            assertThat(rs.getString(2)).isEqualTo("xy" + i);
          }
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT now()::date, 1.5::numeric, true")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("1.5");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
  void batchesAndErrorsInsideTransactionsAndPipelines(String mode) throws SQLException {
    try (Connection c = proxy.connect(mode);
        Statement s = c.createStatement()) {
      String table = "batch_" + Math.abs(mode.hashCode());
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("CREATE TABLE " + table + " (id int primary key)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
        for (int i = 0; i < 100; i++) {
          ps.setInt(1, i);
          ps.addBatch();
        }
        assertThat(ps.executeBatch()).hasSize(100);
      }
      // an error inside a batch (pipeline): duplicate key in the middle, in a transaction
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
        for (int i : new int[] {200, 5, 201}) {
          ps.setInt(1, i);
          ps.addBatch();
        }
        assertThatThrownBy(ps::executeBatch).isInstanceOf(SQLException.class);
      }
      c.rollback();
      // an error inside a transaction aborts it
      s.execute("INSERT INTO " + table + " VALUES (300)");
      assertThatThrownBy(() -> s.execute("SELECT 1/0"))
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));
      assertThatThrownBy(() -> s.execute("SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
      c.rollback();
      c.setAutoCommit(true);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(100);
      }
    }
  }

  @Test
  void copyInAndOut() throws Exception {
    try (Connection c = proxy.connect("");
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS copy_t");
      s.execute("CREATE TABLE copy_t (id int, name text)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        in.append(i).append('\t').append("name-").append(i).append('\n');
      }
      long n = copy.copyIn("COPY copy_t FROM STDIN", new StringReader(in.toString()));
      assertThat(n).isEqualTo(20_000);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long m = copy.copyOut("COPY (SELECT * FROM copy_t ORDER BY id) TO STDOUT", out);
      assertThat(m).isEqualTo(20_000);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(in.toString());
      // a failing COPY leaves the session usable
      assertThatThrownBy(() -> copy.copyIn("COPY copy_t FROM STDIN", new StringReader("x\ty\n")))
          .isInstanceOf(SQLException.class);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM copy_t")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(20_000);
      }
    }
  }

  @Test
  void largeResultSetWithBackpressure() throws SQLException {
    try (Connection c = proxy.connect("defaultRowFetchSize=0");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT g, repeat('x', 100) FROM generate_series(1, 200000) g ORDER BY g")) {
      long count = 0;
      long sum = 0;
      while (rs.next()) {
        count++;
        sum += rs.getInt(1);
      }
      assertThat(count).isEqualTo(200_000);
      assertThat(sum).isEqualTo(200_000L * 200_001 / 2);
    }
  }

  @Test
  void cancelStopsPgSleep() throws Exception {
    try (Connection c = proxy.connect("");
        Statement s = c.createStatement()) {
      CompletableFuture<Throwable> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  s.execute("SELECT pg_sleep(30.01)");
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      proxy.awaitRunning("pg_sleep(30.01)");
      s.cancel();
      Throwable t = run.get(10, TimeUnit.SECONDS);
      assertThat(t)
          .isInstanceOfSatisfying(
              PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      try (ResultSet rs = s.executeQuery("SELECT 42")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void notificationArrivesWhileIdle() throws Exception {
    try (Connection listener = proxy.connect("");
        Connection notifier = proxy.pg.connect();
        Statement ls = listener.createStatement();
        Statement ns = notifier.createStatement()) {
      ls.execute("LISTEN drawbridge_channel");
      ns.execute("NOTIFY drawbridge_channel, 'hello'");
      PGConnection pgc = listener.unwrap(PGConnection.class);
      // getNotifications(timeout) reads the socket without sending a query
      PGNotification[] got = pgc.getNotifications(10_000);
      assertThat(got).isNotNull().hasSize(1);
      assertThat(got[0].getName()).isEqualTo("drawbridge_channel");
      assertThat(got[0].getParameter()).isEqualTo("hello");
    }
  }

  @Test
  void upstreamTerminationIsForwarded() throws Exception {
    try (Connection c = proxy.connect("");
        Statement s = c.createStatement();
        Connection admin = proxy.pg.connect();
        Statement as = admin.createStatement()) {
      int pid;
      try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      as.execute("SELECT pg_terminate_backend(" + pid + ")");
      assertThatThrownBy(() -> s.execute("SELECT 1"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57P01"));
    }
  }

  @Test
  void startupParametersAreForwarded() throws SQLException {
    try (Connection c =
            proxy.connect("ApplicationName=drawbridge-test&options=-c%20search_path%3Dpg_catalog");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('application_name'), current_setting('search_path')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("drawbridge-test");
      assertThat(rs.getString(2)).isEqualTo("pg_catalog");
    }
  }

  @Test
  void hugeValuesAreStreamedBothWays() throws Exception {
    String big = "y".repeat(8 * 1024 * 1024);
    try (Connection c = proxy.connect("");
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS huge_t");
      s.execute("CREATE TABLE huge_t (v text)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      // one CopyData message per line in pgjdbc: a single 8 MiB message
      assertThat(copy.copyIn("COPY huge_t FROM STDIN", new StringReader(big + "\n"))).isEqualTo(1);
      try (ResultSet rs = s.executeQuery("SELECT v, length(v) FROM huge_t")) {
        rs.next();
        assertThat(rs.getInt(2)).isEqualTo(big.length());
        assertThat(rs.getString(1)).isEqualTo(big);
      }
    }
  }
}

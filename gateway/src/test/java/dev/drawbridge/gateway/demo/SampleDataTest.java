package dev.drawbridge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SampleDataTest {

  private static final SampleData.Scale SMALL = new SampleData.Scale(200, 20, 2_000);

  private static Connection connectTo(TestPostgres pg, String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", pg.superuser());
    if (!pg.superuserPassword().isEmpty()) {
      props.setProperty("password", pg.superuserPassword());
    }
    return DriverManager.getConnection(pg.jdbcUrl(database), props);
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void loadsTheShopSchemaWithKeysIndexesAndConsistentData(TestPostgres pg) throws Exception {
    String db = "demo_sample_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
    pg.execute("CREATE DATABASE " + db);
    List<String> steps = new ArrayList<>();
    try {
      try (Connection c = connectTo(pg, db);
          Statement s = c.createStatement()) {
        SampleData.load(c, SMALL, steps::add);

        assertThat(c.getAutoCommit()).isTrue();
        assertThat(count(s, "SELECT count(*) FROM customers")).isEqualTo(200);
        assertThat(count(s, "SELECT count(*) FROM products")).isEqualTo(20);
        assertThat(count(s, "SELECT count(*) FROM orders")).isEqualTo(2_000);
        assertThat(
                count(
                    s,
                    "SELECT count(*) FROM orders o JOIN products p ON p.id = o.product_id"
                        + " WHERE o.total_cents <> o.quantity * p.price_cents"))
            .as("order totals match product prices")
            .isZero();
        assertThat(count(s, "SELECT count(DISTINCT status) FROM orders")).isEqualTo(5);
        assertThat(
                count(
                    s,
                    "SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass"
                        + " AND contype IN ('p', 'f')"))
            .as("primary key and two foreign keys on orders")
            .isEqualTo(3);
        assertThat(
                count(
                    s,
                    "SELECT count(*) FROM pg_indexes WHERE tablename = 'orders'"
                        + " AND indexname IN ('orders_customer_id_idx', 'orders_created_at_idx')"))
            .isEqualTo(2);
        assertThat(
                count(s, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'orders'::regclass"))
            .as("analyzed, so the planner and the policy see the real size")
            .isEqualTo(2_000);
      }
      assertThat(steps).anyMatch(st -> st.contains("orders")).last().isEqualTo("analyzing");
    } finally {
      pg.execute("DROP DATABASE " + db);
    }
  }
}

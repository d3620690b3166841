package dev.drawbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

  @Test
  void serverAnswersQueries(TestPostgres pg) throws SQLException {
    try (var c = pg.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database(), 6 * 7")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(pg.database());
      assertThat(rs.getInt(2)).isEqualTo(42);
    }
    assertThat(pg.majorVersion()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void passwordRolesDemandTheirPassword(TestPostgres pg) throws SQLException {
    for (TestPostgres.PasswordRole method : TestPostgres.PasswordRole.values()) {
      String role = pg.roleFor(method).orElse(null);
      if (role == null) {
        continue;
      }
      Properties good = new Properties();
      good.setProperty("user", role);
      good.setProperty("password", TestPostgres.ROLE_PASSWORD);
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), good)) {
        assertThat(c.isValid(5)).isTrue();
      }
      Properties bad = new Properties();
      bad.setProperty("user", role);
      bad.setProperty("password", "wrong");
      assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), bad).close())
          .isInstanceOf(SQLException.class)
          .hasFieldOrPropertyWithValue("SQLState", "28P01");
    }
  }
}

package dev.drawbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresVersionsIT {

  @Test
  void everyCopiedVersionStartsAndReportsItsMajor(PostgresVersions versions) throws SQLException {
    assertThat(versions.available()).contains(10, 11, 12, 15, 17);
    for (int major : new int[] {10, 17}) {
      TestPostgres pg = versions.get(major);
      assertThat(pg.majorVersion()).isEqualTo(major);
      try (var c = pg.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(major);
      }
      assertThat(versions.get(major)).isSameAs(pg);
    }
  }
}

package dev.drawbridge.gateway.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Observe mode through the real gateway: everything is forwarded, and the decisions counted. */
@ExtendWith(PostgresExtension.class)
class ObserveModeIT {

  @Test
  void observeForwardsWhatEnforceWouldStopAndCountsIt(TestPostgres pg) throws Exception {
    pg.execute(
        "DROP TABLE IF EXISTS obs_orders; CREATE TABLE obs_orders (id int);"
            + " INSERT INTO obs_orders SELECT generate_series(1, 1000)");
    try (EnforcedGateway gw = new EnforcedGateway(pg, PolicyMode.OBSERVE)) {
      try (Connection c = gw.connect("alice");
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE obs_orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()");
        s.execute("DO $$ BEGIN PERFORM 1; END $$");
      }
      try (Connection c = gw.connect("bot");
          Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("UPDATE obs_orders SET id = id WHERE id = 1")).isEqualTo(1);
      }
      try (Connection c = pg.connect();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT count(DISTINCT ref) FROM obs_orders WHERE ref IS NOT NULL")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the unsafe ALTER ran").isEqualTo(1000);
      }
      // the record of a schema change waits for catalog facts in the background
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> gw.decisions("ddl", "needs-approval") == 1);
      assertThat(gw.decisions("procedural", "not-understood")).isEqualTo(1);
      assertThat(gw.decisions("write", "needs-approval")).isEqualTo(1);
      assertThat(gw.desk.drafts()).as("observe opens no change requests").isEmpty();
      assertThat(gw.meters.scrape())
          .contains(
              "drawbridge_policy_decisions_total{class=\"ddl\",decision=\"needs-approval\",mode=\"observe\"}");
    }
  }
}

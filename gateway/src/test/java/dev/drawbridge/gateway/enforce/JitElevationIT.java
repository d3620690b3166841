package dev.drawbridge.gateway.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.store.AccessLevel;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.workflow.ActiveElevation;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.ElevationExpiry;
import dev.drawbridge.gateway.workflow.MutableClock;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.SessionLogin;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * JIT elevation end to end, with the real state store and per-level upstream logins: the agent
 * {@code bot} reads as the read login; once an approver grants it write access its open session
 * moves to the write login at the next transaction boundary and writes; when the window closes (or
 * the grant is revoked) writes are refused at once and the session moves back, or, if so
 * configured, ends with a FATAL error.
 */
@ExtendWith(PostgresExtension.class)
class JitElevationIT {

  private TestPostgres pg;
  private StateStore store;
  private ApprovalWorkflow workflow;
  private MutableClock clock;
  private EnforcedGateway gw;
  private String readRole;

  @BeforeEach
  void start(TestPostgres pg) throws Exception {
    this.pg = pg;
    Optional<String> scram = pg.roleFor(TestPostgres.PasswordRole.SCRAM_SHA_256);
    assumeTrue(scram.isPresent(), "the test server has no SCRAM login role for the read login");
    readRole = scram.get();
    pg.execute(
        "DROP TABLE IF EXISTS jit_notes; CREATE TABLE jit_notes (id serial PRIMARY KEY, body text);"
            + " GRANT SELECT ON jit_notes TO "
            + readRole);
    store = StateStore.open(FreshDatabase.create(pg, "jit_flow").settings());
    clock = new MutableClock(Instant.now());
  }

  private void startGateway(ElevationExpiry onExpiry) {
    WorkflowSettings settings =
        WorkflowSettings.defaults()
            .withSessionLogins(
                Optional.of(new SessionLogin(readRole, Optional.of(TestPostgres.ROLE_PASSWORD))),
                Optional.empty())
            .withElevationExpiry(onExpiry, Duration.ofSeconds(10));
    workflow = new ApprovalWorkflow(store, settings, clock, new RequestIds(new SecureRandom()));
    gw = new EnforcedGateway(pg, PolicyMode.ENFORCE, workflow, settings, clock);
  }

  @AfterEach
  void stop() {
    if (gw != null) {
      gw.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static void refused(Statement s, String sql, String sqlState) {
    assertThatThrownBy(() -> s.execute(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState));
  }

  /** bot asks for write access for 10 minutes; bob approves. */
  private ActiveElevation grantWrite() {
    String id =
        workflow
            .requestElevation(
                Principal.agent("bot", "agent"),
                pg.database(),
                AccessLevel.WRITE,
                Duration.ofMinutes(10),
                "fix a note")
            .id();
    workflow.approve(
        id, Principal.human("bob", "approver"), "ok", Optional.of(Duration.ofMinutes(10)));
    return workflow.activeElevation("bot", pg.database()).orElseThrow();
  }

  private int useCount(String grantId) throws Exception {
    for (int i = 0; i < 100; i++) {
      int n = workflow.grant(grantId).useCount();
      if (n > 0) {
        return n;
      }
      Thread.sleep(20);
    }
    return 0;
  }

  @Test
  void anApprovedElevationMovesTheOpenSessionToTheWriteLoginAndBackAtExpiry() throws Exception {
    startGateway(ElevationExpiry.SWITCH_BACK);
    try (Connection c = gw.connect("bot");
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT current_user")).isEqualTo(readRole);
      assertThat(one(s, "SHOW default_transaction_read_only")).isEqualTo("on");
      refused(s, "INSERT INTO jit_notes (body) VALUES ('before')", "42501");

      ActiveElevation granted = grantWrite();
      // after a refusal the gate looks for an elevation at most once a second
      clock.advance(Duration.ofSeconds(2));
      s.execute("INSERT INTO jit_notes (body) VALUES ('elevated')");
      assertThat(one(s, "SELECT current_user")).isEqualTo(pg.superuser());
      assertThat(one(s, "SHOW default_transaction_read_only")).isEqualTo("off");
      assertThat(one(s, "SHOW statement_timeout"))
          .as("the agent keeps its timeout")
          .isNotEqualTo("0");
      assertThat(useCount(granted.grantId())).isEqualTo(1);

      clock.advance(Duration.ofMinutes(11));
      refused(s, "INSERT INTO jit_notes (body) VALUES ('after')", "42501");
      assertThat(one(s, "SELECT current_user")).isEqualTo(readRole);
      assertThat(one(s, "SHOW default_transaction_read_only")).isEqualTo("on");
      assertThat(one(s, "SELECT string_agg(body, ',' ORDER BY id) FROM jit_notes"))
          .isEqualTo("elevated");
    }
  }

  @Test
  void anElevationEndingInsideATransactionRefusesWritesAtOnceAndMovesBackAfterIt()
      throws Exception {
    startGateway(ElevationExpiry.SWITCH_BACK);
    grantWrite();
    try (Connection c = gw.connect("bot");
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO jit_notes (body) VALUES ('one')");
      c.setAutoCommit(false);
      s.execute("INSERT INTO jit_notes (body) VALUES ('two')");
      clock.advance(Duration.ofMinutes(11));
      refused(s, "INSERT INTO jit_notes (body) VALUES ('three')", "42501");
      c.rollback();
      c.setAutoCommit(true);
      assertThat(one(s, "SELECT current_user")).isEqualTo(readRole);
      assertThat(one(s, "SELECT string_agg(body, ',' ORDER BY id) FROM jit_notes"))
          .isEqualTo("one");
    }
  }

  @Test
  void aRevokedGrantEndsTheElevationAtTheNextRecheck() throws Exception {
    startGateway(ElevationExpiry.SWITCH_BACK);
    ActiveElevation granted = grantWrite();
    try (Connection c = gw.connect("bot");
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO jit_notes (body) VALUES ('one')");
      workflow.revoke(granted.grantId(), Principal.human("bob", "approver"));
      clock.advance(Duration.ofSeconds(11));
      refused(s, "INSERT INTO jit_notes (body) VALUES ('two')", "42501");
      assertThat(one(s, "SELECT current_user")).isEqualTo(readRole);
    }
  }

  @Test
  void withEndSessionTheSessionEndsWhenTheElevationExpires() throws Exception {
    startGateway(ElevationExpiry.END_SESSION);
    grantWrite();
    try (Connection c = gw.connect("bot");
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO jit_notes (body) VALUES ('one')");
      clock.advance(Duration.ofMinutes(11));
      assertThatThrownBy(() -> s.execute("SELECT 1"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isIn("57P01", "08006");
              });
      assertThat(c.isValid(2)).isFalse();
    }
  }

  @Test
  void anElevationApprovedDuringATransactionWaitsForItsEnd() throws Exception {
    startGateway(ElevationExpiry.SWITCH_BACK);
    try (Connection c = gw.connect("bot");
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("SELECT 1");
      grantWrite();
      assertThatThrownBy(() -> s.execute("INSERT INTO jit_notes (body) VALUES ('in tx')"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("25001");
                assertThat(e.getServerErrorMessage().getHint()).contains("COMMIT or ROLLBACK");
              });
      c.rollback();
      c.setAutoCommit(true);
      s.execute("INSERT INTO jit_notes (body) VALUES ('after tx')");
      assertThat(one(s, "SELECT current_user")).isEqualTo(pg.superuser());
    }
  }
}

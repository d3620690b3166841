package dev.drawbridge.gateway.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.MutableClock;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.WorkflowException;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The core flow of Drawbridge, through the real gateway with the real state store: an unsafe ADD
 * COLUMN is refused with a change request; the requester cannot approve it, nor can an agent;
 * another user approves; the re-run succeeds within the window and is refused after it.
 */
@ExtendWith(PostgresExtension.class)
class CoreFlowIT {

  private static final Pattern REQUEST_ID = Pattern.compile("CR-[0-9A-Z]+");

  private StateStore store;
  private ApprovalWorkflow workflow;
  private MutableClock clock;
  private EnforcedGateway gw;

  @BeforeEach
  void start(TestPostgres pg) throws Exception {
    pg.execute(
        "DROP TABLE IF EXISTS core_orders; CREATE TABLE core_orders (id int PRIMARY KEY, qty int);"
            + " INSERT INTO core_orders SELECT g, 1 FROM generate_series(1, 20000) g;"
            + " ANALYZE core_orders");
    store = StateStore.open(FreshDatabase.create(pg, "core_flow").settings());
    clock = new MutableClock(Instant.now());
    workflow =
        new ApprovalWorkflow(
            store, WorkflowSettings.defaults(), clock, new RequestIds(new SecureRandom()));
    gw = new EnforcedGateway(pg, PolicyMode.ENFORCE, workflow);
  }

  @AfterEach
  void stop() {
    gw.close();
    store.close();
  }

  private String refusedWithRequest(String sql) throws SQLException {
    try (Connection c = gw.connect("alice");
        Statement s = c.createStatement()) {
      Throwable t = catchThrowable(() -> s.execute(sql));
      assertThat(t).as(sql).isInstanceOf(PSQLException.class);
      PSQLException e = (PSQLException) t;
      assertThat(e.getSQLState()).isEqualTo("42501");
      Matcher m = REQUEST_ID.matcher(e.getServerErrorMessage().getMessage());
      assertThat(m.find()).as(e.getServerErrorMessage().getMessage()).isTrue();
      return m.group();
    }
  }

  private void runAsAlice(String sql) throws SQLException {
    try (Connection c = gw.connect("alice");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private boolean columnExists(String column) throws SQLException {
    try (Connection c = gw.pg.connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'core_orders' AND column_name = ?")) {
      p.setString(1, column);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 1;
      }
    }
  }

  @Test
  void refusedThenApprovedBySomeoneElseThenRunWithinTheWindow() throws Exception {
    String unsafe =
        "ALTER TABLE core_orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";
    String id = refusedWithRequest(unsafe);
    assertThat(refusedWithRequest(unsafe)).as("the open request is reused").isEqualTo(id);
    assertThat(workflow.request(id).request().requester()).isEqualTo("alice");

    assertThatThrownBy(
            () ->
                workflow.approve(
                    id, Principal.human("alice", "engineer", "approver"), "", Optional.empty()))
        .isInstanceOf(WorkflowException.Forbidden.class)
        .hasMessageContaining("your own request");
    assertThatThrownBy(
            () ->
                workflow.approve(
                    id, Principal.agent("bot", "agent", "approver"), "", Optional.empty()))
        .isInstanceOf(WorkflowException.Forbidden.class)
        .hasMessageContaining("agents cannot");
    assertThat(columnExists("ref")).isFalse();

    workflow.approve(
        id, Principal.human("bob", "approver"), "off-peak", Optional.of(Duration.ofMinutes(10)));
    runAsAlice(unsafe);
    assertThat(columnExists("ref")).isTrue();
  }

  @Test
  void afterTheWindowTheSameStatementIsRefusedAgain() throws Exception {
    String unsafe =
        "ALTER TABLE core_orders ADD COLUMN ref2 uuid NOT NULL DEFAULT gen_random_uuid()";
    String id = refusedWithRequest(unsafe);
    workflow.approve(
        id, Principal.human("bob", "approver"), "", Optional.of(Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(11));
    String again = refusedWithRequest(unsafe);
    assertThat(again).as("a new request once the grant is gone").isNotEqualTo(id);
    assertThat(columnExists("ref2")).isFalse();
  }
}

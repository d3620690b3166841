package dev.drawbridge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.admin.WorkflowServer;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code drawbridge requests|approve|deny|grants|elevate} against the admin API on a real state
 * store: what people read, and exit statuses scripts can rely on.
 */
@ExtendWith(PostgresExtension.class)
class AdminCommandsIT {

  private WorkflowServer server;

  @BeforeEach
  void start(TestPostgres pg) throws Exception {
    server = new WorkflowServer(pg);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliTestSupport as(String user) {
    return new CliTestSupport(
        Map.of("DRAWBRIDGE_ADMIN", server.base.toString(), "DRAWBRIDGE_PASSWORD", "pw"));
  }

  private int run(CliTestSupport t, String user, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--user";
    all[args.length + 1] = user;
    return t.run(all);
  }

  @Test
  void anApproverListsShowsAndApprovesTheRequesterSeesTheGrant() {
    String id = server.open("alice");

    CliTestSupport bob = as("bob");
    assertThat(run(bob, "bob", "requests", "list", "--status", "pending")).isZero();
    assertThat(bob.out.toString())
        .contains("ID", "STATUS", "REQUESTER")
        .contains(id)
        .contains("alice")
        .contains("ALTER TABLE orders ADD COLUMN ref uuid");

    CliTestSupport show = as("bob");
    assertThat(run(show, "bob", "requests", "show", id)).isZero();
    assertThat(show.out.toString())
        .contains("Request   " + id + " (statement, pending)")
        .contains("add-column-volatile-default: rewrites orders")
        .contains("1. [fast-ddl] ALTER TABLE orders ADD COLUMN ref uuid")
        .contains("No decisions yet.");

    CliTestSupport approve = as("bob");
    assertThat(run(approve, "bob", "approve", id, "--window", "45m", "--comment", "off-peak"))
        .isZero();
    assertThat(approve.out.toString())
        .contains("Approved " + id + ": alice may go ahead until 2026-11-25T10:45:00Z");

    CliTestSupport grants = as("alice");
    assertThat(run(grants, "alice", "grants", "list", "--active")).isZero();
    assertThat(grants.out.toString()).contains("active").contains("plan fp-alice");

    CliTestSupport json = as("alice");
    assertThat(run(json, "alice", "requests", "show", id, "--json")).isZero();
    assertThat(json.out.toString()).contains("\"status\" : \"approved\"");
  }

  @Test
  void refusalsExitWithOneAndSayWhy() {
    String id = server.open("dave");
    CliTestSupport own = as("dave");
    assertThat(run(own, "dave", "approve", id)).isEqualTo(1);
    assertThat(own.err.toString()).contains("refused (403)").contains("your own request");

    CliTestSupport robot = as("robot");
    assertThat(run(robot, "robot", "approve", id)).isEqualTo(1);
    assertThat(robot.err.toString()).contains("agents cannot");

    CliTestSupport missing = as("bob");
    assertThat(run(missing, "bob", "deny", "CR-NOPE1")).isEqualTo(1);
    assertThat(missing.err.toString()).contains("refused (404)");

    CliTestSupport wrongPassword =
        new CliTestSupport(
            Map.of("DRAWBRIDGE_ADMIN", server.base.toString(), "DRAWBRIDGE_PASSWORD", "guess"));
    assertThat(run(wrongPassword, "bob", "requests", "list")).isEqualTo(1);
    assertThat(wrongPassword.err.toString()).contains("refused (401)");
  }

  @Test
  void elevationIsRequestedAndApproved() {
    CliTestSupport alice = as("alice");
    assertThat(
            run(
                alice,
                "alice",
                "elevate",
                "--database",
                "shop",
                "--level",
                "write",
                "--for",
                "30m"))
        .isZero();
    String out = alice.out.toString();
    assertThat(out).startsWith("Requested: CR-").contains("drawbridge approve CR-");
    String id = out.substring(out.indexOf("CR-"), out.indexOf(" (pending)"));
    CliTestSupport bob = as("bob");
    assertThat(run(bob, "bob", "approve", id)).isZero();
    assertThat(server.workflow.activeAccessGrant("alice", "shop", server.clock.instant()))
        .isPresent();
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliTestSupport noCredentials = new CliTestSupport(Map.of());
    assertThat(noCredentials.run("requests", "list")).isEqualTo(2);
    assertThat(noCredentials.err.toString()).contains("DRAWBRIDGE_TOKEN").contains("--user");

    CliTestSupport badUrl = new CliTestSupport(Map.of("DRAWBRIDGE_TOKEN", "t"));
    assertThat(badUrl.run("requests", "list", "--admin", "ftp://x")).isEqualTo(2);

    CliTestSupport nowhere =
        new CliTestSupport(
            Map.of("DRAWBRIDGE_TOKEN", "t", "DRAWBRIDGE_ADMIN", "http://127.0.0.1:1"));
    assertThat(nowhere.run("grants", "list")).isEqualTo(1);
    assertThat(nowhere.err.toString()).contains("cannot reach the admin API");
  }
}

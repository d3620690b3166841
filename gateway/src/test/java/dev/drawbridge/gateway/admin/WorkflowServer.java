package dev.drawbridge.gateway.admin;

import dev.drawbridge.admin.api.AdminApi;
import dev.drawbridge.admin.api.AdminPrincipal;
import dev.drawbridge.admin.api.auth.AdminAuthenticators;
import dev.drawbridge.admin.api.sessions.LiveSessions;
import dev.drawbridge.admin.api.sessions.SessionView;
import dev.drawbridge.admin.server.AdminServer;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.MutableClock;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.testkit.TestPostgres;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API over a real state store (a fresh database), with fixed users whose password is
 * "pw", on a clock tests move: for the API's and the CLI's tests.
 */
public final class WorkflowServer implements AutoCloseable {

  public static final Map<String, AdminPrincipal> USERS =
      Map.of(
          "alice", new AdminPrincipal("alice", Set.of("engineer"), false),
          "bob", new AdminPrincipal("bob", Set.of("approver"), false),
          "dave", new AdminPrincipal("dave", Set.of("approver", "engineer"), false),
          "carol", new AdminPrincipal("carol", Set.of("auditor"), false),
          "robot", new AdminPrincipal("robot", Set.of("agent", "approver"), true),
          "eve", new AdminPrincipal("eve", Set.of("engineer"), false));

  /** A gateway without live sessions (these tests are about the workflow). */
  public static final LiveSessions NO_SESSIONS =
      new LiveSessions() {
        @Override
        public List<SessionView> list() {
          return List.of();
        }

        @Override
        public boolean end(long sessionId, String reason) {
          return false;
        }
      };

  public final StateStore store;
  public final ApprovalWorkflow workflow;
  public final MutableClock clock;
  public final URI base;
  private final AdminServer server;

  public WorkflowServer(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "workflow_api");
    store = StateStore.open(db.settings());
    clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    workflow =
        new ApprovalWorkflow(
            store, WorkflowSettings.defaults(), clock, new RequestIds(new SecureRandom()));
    AdminAuthenticators auth =
        new AdminAuthenticators(
            Optional.of(
                (user, password) ->
                    password.equals("pw")
                        ? Optional.ofNullable(USERS.get(user))
                        : Optional.empty()),
            Optional.empty());
    server =
        new AdminServer(
            new InetSocketAddress("127.0.0.1", 0),
            Map.of(),
            Map.of(
                AdminApi.PREFIX,
                new AdminApi(NO_SESSIONS, new WorkflowApi(workflow, clock).routes()).router(auth)));
    base = URI.create("http://127.0.0.1:" + server.start().getPort());
  }

  /** Opens a change request for an unsafe ADD COLUMN; its fingerprint is "fp-" + requester. */
  public String open(String requester) {
    return workflow
        .openOrReuse(
            new ChangeRequestDraft(
                requester,
                false,
                "shop",
                "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()",
                "fp-" + requester,
                "{\"fingerprint\":\"fp-"
                    + requester
                    + "\",\"steps\":[{\"kind\":\"fast-ddl\",\"sql\":\"ALTER TABLE orders ADD"
                    + " COLUMN ref uuid\",\"rollback\":\"ALTER TABLE orders DROP COLUMN ref\"}]}",
                "{\"verdict\":\"unsafe\",\"findings\":[{\"rule\":\"add-column-volatile-default\","
                    + "\"message\":\"rewrites orders\"}]}",
                "{\"tables\":{}}",
                "rewrites orders under ACCESS EXCLUSIVE"))
        .id();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}

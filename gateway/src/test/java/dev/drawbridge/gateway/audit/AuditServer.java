package dev.drawbridge.gateway.audit;

import dev.drawbridge.admin.api.AdminApi;
import dev.drawbridge.admin.api.ApiRouter;
import dev.drawbridge.admin.api.Route;
import dev.drawbridge.admin.api.auth.AdminAuthenticators;
import dev.drawbridge.admin.server.AdminServer;
import dev.drawbridge.gateway.admin.WorkflowApi;
import dev.drawbridge.gateway.admin.WorkflowServer;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API with the audit routes, and every change recorded, over a fresh state store. Users
 * are {@link WorkflowServer#USERS} with password "pw" (carol is the auditor).
 */
public final class AuditServer implements AutoCloseable {

  public final StateStore store;
  public final QueuedAuditLog log;
  public final ApprovalWorkflow workflow;
  public final URI base;
  private final AdminServer server;
  private final TestPostgres pg;
  private final FreshDatabase db;

  public AuditServer(TestPostgres pg) throws Exception {
    this.pg = pg;
    db = FreshDatabase.create(pg, "audit_api");
    store = StateStore.open(db.settings());
    Clock clock = Clock.systemUTC();
    Path spool = Files.createTempDirectory("audit-api").resolve("spool");
    log =
        QueuedAuditLog.start(
            new StateStoreAudit(store),
            AuditSettings.defaults("gw-a", spool).withRetryInterval(Duration.ofMillis(100)),
            new SimpleMeterRegistry(),
            clock);
    workflow =
        new ApprovalWorkflow(
            store, WorkflowSettings.defaults(), clock, new RequestIds(new SecureRandom()));
    AdminAuthenticators auth =
        new AdminAuthenticators(
            Optional.of(
                (user, password) ->
                    password.equals("pw")
                        ? Optional.ofNullable(WorkflowServer.USERS.get(user))
                        : Optional.empty()),
            Optional.empty());
    List<Route> routes =
        new ArrayList<>(
            new AuditedRoutes(log, clock, new WorkflowMeters(new SimpleMeterRegistry()))
                .wrap(
                    new AdminApi(
                            WorkflowServer.NO_SESSIONS, new WorkflowApi(workflow, clock).routes())
                        .routes()));
    routes.addAll(new AuditApi(new StateStoreAudit(store)).routes());
    server =
        new AdminServer(
            new InetSocketAddress("127.0.0.1", 0),
            Map.of(),
            Map.of(AdminApi.PREFIX, new ApiRouter(routes, auth)));
    base = URI.create("http://127.0.0.1:" + server.start().getPort());
  }

  /** Opens a change request for an unsafe ADD COLUMN. */
  public String open(String requester) {
    return workflow
        .openOrReuse(
            new ChangeRequestDraft(
                requester,
                false,
                "shop",
                "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()",
                "fp-" + requester,
                "{\"fingerprint\":\"fp-" + requester + "\",\"steps\":[]}",
                "{\"verdict\":\"unsafe\",\"findings\":[]}",
                "{\"tables\":{}}",
                "rewrites orders"))
        .id();
  }

  /** Runs SQL in the store's database behind the gateway's back. */
  public void tamper(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                pg.jdbcUrl(db.name()), pg.superuser(), pg.superuserPassword());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public void close() {
    server.close();
    log.close();
    store.close();
  }
}

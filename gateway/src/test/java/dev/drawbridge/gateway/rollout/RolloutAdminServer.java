package dev.drawbridge.gateway.rollout;

import dev.drawbridge.admin.api.AdminApi;
import dev.drawbridge.admin.api.Route;
import dev.drawbridge.admin.api.auth.AdminAuthenticators;
import dev.drawbridge.admin.server.AdminServer;
import dev.drawbridge.gateway.admin.RolloutApi;
import dev.drawbridge.gateway.admin.WorkflowApi;
import dev.drawbridge.gateway.admin.WorkflowServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API with the workflow's and the rollouts' routes over a {@link RolloutHarness}, with
 * the {@link WorkflowServer#USERS} (password "pw"), for the API's and the CLI's tests.
 */
public final class RolloutAdminServer implements AutoCloseable {

  public final URI base;
  private final AdminServer server;

  public RolloutAdminServer(RolloutHarness h, RolloutService service) {
    AdminAuthenticators auth =
        new AdminAuthenticators(
            Optional.of(
                (user, password) ->
                    password.equals("pw")
                        ? Optional.ofNullable(WorkflowServer.USERS.get(user))
                        : Optional.empty()),
            Optional.empty());
    List<Route> routes = new ArrayList<>(new WorkflowApi(h.workflow, h.clock).routes());
    routes.addAll(new RolloutApi(Optional.of(service), h.clock).routes());
    server =
        new AdminServer(
            new InetSocketAddress("127.0.0.1", 0),
            Map.of(),
            Map.of(AdminApi.PREFIX, new AdminApi(WorkflowServer.NO_SESSIONS, routes).router(auth)));
    base = URI.create("http://127.0.0.1:" + server.start().getPort());
  }

  @Override
  public void close() {
    server.close();
  }
}

package dev.drawbridge.admin.api;

import dev.drawbridge.admin.api.auth.AdminAuthenticator;
import dev.drawbridge.admin.api.sessions.LiveSessions;
import dev.drawbridge.admin.api.sessions.SessionsApi;
import java.util.ArrayList;
import java.util.List;

/** Every route of the admin API, assembled from the gateway's ports. */
public final class AdminApi {

  /** Everything under this prefix is the API. */
  public static final String PREFIX = "/api/";

  private final List<Route> routes;

  public AdminApi(LiveSessions sessions) {
    this(sessions, List.of());
  }

  /**
   * @param sessions the live sessions
   * @param more routes the gateway adds (requests, approvals, grants: they need its state store)
   */
  public AdminApi(LiveSessions sessions, List<Route> more) {
    List<Route> all = new ArrayList<>();
    all.addAll(new SessionsApi(sessions).routes());
    all.addAll(more);
    this.routes = List.copyOf(all);
  }

  public List<Route> routes() {
    return routes;
  }

  /** The API's HTTP handler: the routes, with this authenticator. */
  public ApiRouter router(AdminAuthenticator authenticator) {
    return new ApiRouter(routes, authenticator);
  }
}

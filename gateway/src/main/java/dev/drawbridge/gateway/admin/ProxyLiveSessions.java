package dev.drawbridge.gateway.admin;

import dev.drawbridge.admin.api.sessions.LiveSessions;
import dev.drawbridge.admin.api.sessions.SessionView;
import dev.drawbridge.proxy.ProxyServer;
import dev.drawbridge.proxy.session.LiveSession;
import java.util.List;

/** The admin API's live sessions: the proxy's. */
public final class ProxyLiveSessions implements LiveSessions {

  private final ProxyServer proxy;

  public ProxyLiveSessions(ProxyServer proxy) {
    this.proxy = proxy;
  }

  @Override
  public List<SessionView> list() {
    return proxy.sessions().stream().map(ProxyLiveSessions::view).toList();
  }

  private static SessionView view(LiveSession s) {
    return new SessionView(
        s.sessionId(),
        s.user(),
        s.roles(),
        s.database(),
        s.applicationName(),
        s.clientAddress(),
        s.startedAt(),
        s.state());
  }

  @Override
  public boolean end(long sessionId, String reason) {
    return proxy.terminate(sessionId, reason);
  }
}

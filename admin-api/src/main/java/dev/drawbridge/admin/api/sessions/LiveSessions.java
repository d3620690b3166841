package dev.drawbridge.admin.api.sessions;

import java.util.List;

/** The gateway's live client sessions, as the admin API needs them. */
public interface LiveSessions {

  /** The sessions open now, by session id. */
  List<SessionView> list();

  /**
   * Ends a session; its client gets FATAL 57P01 with the reason as detail.
   *
   * @return false when no such session is open
   */
  boolean end(long sessionId, String reason);
}

package dev.drawbridge.gateway.store;

import java.util.Locale;

/** What an operator asked a running rollout to do at its next step or batch boundary. */
public enum RolloutRequest {
  NONE,
  PAUSE,
  CANCEL,
  ROLLBACK;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RolloutRequest parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}

package dev.drawbridge.gateway.workflow;

import java.util.Locale;

/** What happens to a session whose JIT elevation ends (its window closes or it is revoked). */
public enum ElevationExpiry {
  /**
   * The session goes on at its normal access level: statements the elevation allowed are refused at
   * once, and the session moves back to its normal upstream login at the next transaction boundary.
   */
  SWITCH_BACK,
  /** The session ends with a FATAL error that says why, the moment the elevation ends. */
  END_SESSION;

  /** The name used in the config file. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Reads {@code switch-back} or {@code end-session}. */
  public static ElevationExpiry parse(String text) {
    for (ElevationExpiry e : values()) {
      if (e.configName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "on-elevation-expiry must be switch-back or end-session, not '" + text + "'");
  }
}

package dev.drawbridge.gateway.config;

import java.util.Locale;

/** What the gate does with a statement the policy engine does not understand. */
public enum NotUnderstoodAction {
  /** Refuse it, naming where the parser stopped. */
  DENY,
  /** Refuse it and open a change request, so that an approver can let it through as written. */
  NEEDS_APPROVAL;

  /** The name used in the config file. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Reads {@code deny} or {@code needs-approval}. */
  public static NotUnderstoodAction parse(String text) {
    for (NotUnderstoodAction a : values()) {
      if (a.configName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a not-understood action; use deny or needs-approval");
  }
}

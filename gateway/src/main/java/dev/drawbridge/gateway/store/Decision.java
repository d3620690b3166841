package dev.drawbridge.gateway.store;

import java.util.Locale;

/** What an approver decided. */
public enum Decision {
  APPROVE,
  DENY;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Decision parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}

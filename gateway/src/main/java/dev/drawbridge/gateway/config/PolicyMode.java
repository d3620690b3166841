package dev.drawbridge.gateway.config;

import java.util.Locale;

/** What the gateway does with a statement the policy would stop. */
public enum PolicyMode {
  /** Stop it and answer the client with an error that explains why. */
  ENFORCE,
  /** Decide and record the decision, but forward everything (for a trial period). */
  OBSERVE;

  /** The name used in flags and in the file. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code enforce} or {@code observe} (any case). */
  public static PolicyMode parse(String text) {
    for (PolicyMode m : values()) {
      if (m.configName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a mode; use enforce or observe");
  }
}

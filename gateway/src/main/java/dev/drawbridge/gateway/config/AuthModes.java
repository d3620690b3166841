package dev.drawbridge.gateway.config;

import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import java.util.Locale;

/** Reads and names {@link AuthMode} the way flags and the file spell it. */
public final class AuthModes {

  private AuthModes() {}

  /** The name used in flags and in the file: {@code passthrough} or {@code gateway}. */
  public static String configName(AuthMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code passthrough} or {@code gateway} (any case). */
  public static AuthMode parse(String text) {
    for (AuthMode m : AuthMode.values()) {
      if (configName(m).equalsIgnoreCase(text == null ? "" : text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not an auth mode; use passthrough (PostgreSQL checks passwords) or gateway"
            + " (the gateway checks its own users)");
  }
}

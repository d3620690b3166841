package dev.drawbridge.gateway.audit;

import java.util.Locale;

/**
 * What ordinary statements do while the audit store is away. Schema changes and privileged
 * operations always fail closed, whatever the mode.
 */
public enum OutageMode {
  /** Refuse statements whose events cannot be stored. */
  REFUSE,
  /** Append events to a local spool file, replayed in order when the store returns. */
  SPOOL;

  public static OutageMode parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "refuse" -> REFUSE;
      case "spool" -> SPOOL;
      default ->
          throw new IllegalArgumentException(
              "audit.on-store-outage must be refuse or spool, not " + value);
    };
  }
}

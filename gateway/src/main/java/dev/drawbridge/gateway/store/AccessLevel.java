package dev.drawbridge.gateway.store;

import java.util.Locale;

/** What a plain JIT elevation grants on a database, weakest first. */
public enum AccessLevel {
  READ,
  WRITE,
  DDL;

  /** The name as written in the store, the API and the CLI. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this level includes everything {@code other} allows. */
  public boolean covers(AccessLevel other) {
    return compareTo(other) >= 0;
  }

  /** Reads {@code read}, {@code write} or {@code ddl}. */
  public static AccessLevel parse(String s) {
    for (AccessLevel l : values()) {
      if (l.label().equalsIgnoreCase(s.trim())) {
        return l;
      }
    }
    throw new IllegalArgumentException("access level must be read, write or ddl, not '" + s + "'");
  }
}

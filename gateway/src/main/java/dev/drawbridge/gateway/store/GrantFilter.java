package dev.drawbridge.gateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which grants to list; empty fields match everything. Newest first.
 *
 * @param activeAt only grants within their window and not revoked at this time
 */
public record GrantFilter(
    Optional<String> subject, Optional<String> database, Optional<Instant> activeAt, int limit) {

  public GrantFilter {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(activeAt, "activeAt");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  public static GrantFilter all() {
    return new GrantFilter(Optional.empty(), Optional.empty(), Optional.empty(), 100);
  }

  public GrantFilter withSubject(String s) {
    return new GrantFilter(Optional.of(s), database, activeAt, limit);
  }

  public GrantFilter withDatabase(String d) {
    return new GrantFilter(subject, Optional.of(d), activeAt, limit);
  }

  public GrantFilter activeAt(Instant now) {
    return new GrantFilter(subject, database, Optional.of(now), limit);
  }
}

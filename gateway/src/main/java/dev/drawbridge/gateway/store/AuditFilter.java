package dev.drawbridge.gateway.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit events a search returns; every present criterion must hold. Results come oldest
 * first, at most {@code limit} of them, after the cursor {@code afterTime}/{@code afterSeq} when
 * paging.
 */
public record AuditFilter(
    Optional<String> actor,
    Optional<String> sessionId,
    Optional<String> database,
    Optional<String> table,
    Optional<String> decision,
    Optional<String> rule,
    Optional<String> type,
    Optional<Instant> from,
    Optional<Instant> to,
    int limit) {

  public static final int MAX_LIMIT = 10_000;

  public AuditFilter {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new IllegalArgumentException("the time range ends before it starts");
    }
  }

  /** Everything, up to {@code limit} events. */
  public static AuditFilter all(int limit) {
    return new AuditFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit);
  }
}

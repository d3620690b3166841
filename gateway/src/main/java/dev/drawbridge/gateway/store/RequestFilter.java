package dev.drawbridge.gateway.store;

import java.util.Objects;
import java.util.Optional;

/** Which change requests to list; empty fields match everything. Newest first. */
public record RequestFilter(
    Optional<RequestStatus> status,
    Optional<String> requester,
    Optional<String> database,
    Optional<String> kind,
    int limit) {

  public RequestFilter {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(kind, "kind");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /** Everything, up to 100. */
  public static RequestFilter all() {
    return new RequestFilter(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
  }

  public RequestFilter withStatus(RequestStatus s) {
    return new RequestFilter(Optional.of(s), requester, database, kind, limit);
  }

  public RequestFilter withRequester(String r) {
    return new RequestFilter(status, Optional.of(r), database, kind, limit);
  }

  public RequestFilter withDatabase(String d) {
    return new RequestFilter(status, requester, Optional.of(d), kind, limit);
  }
}

package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.store.AccessLevel;
import java.time.Instant;
import java.util.Objects;

/**
 * An approved JIT elevation in force: an access level on one database until {@code expiresAt}.
 *
 * @param grantId the grant
 * @param requestId the approved elevation request it came from
 * @param level the access level granted
 * @param expiresAt end of the window
 */
public record ActiveElevation(
    String grantId, String requestId, AccessLevel level, Instant expiresAt) {

  public ActiveElevation {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}

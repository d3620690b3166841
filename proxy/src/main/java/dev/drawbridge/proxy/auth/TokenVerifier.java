package dev.drawbridge.proxy.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Checks a bearer token (for example an OIDC access token from Keycloak) a client presented as its
 * password. The seam for token authentication; the gateway module supplies the implementation.
 *
 * <p>Called on the event loop: an implementation must not block (no network I/O; key sets are
 * fetched and refreshed in the background).
 */
@FunctionalInterface
public interface TokenVerifier {

  /**
   * @param user the user named in the StartupMessage
   * @param token the token the client sent
   * @return accepted with the user's gateway roles, or rejected with the check that failed
   */
  TokenCheck verify(String user, String token);

  /** The outcome of checking one token. */
  sealed interface TokenCheck {}

  /** The token is valid for the user; these are the user's gateway roles. */
  record Accepted(Set<String> roles) implements TokenCheck {
    public Accepted {
      roles = Set.copyOf(roles);
    }
  }

  /**
   * The token is not valid.
   *
   * @param reason which check failed, safe to show the client (never contains the token)
   */
  /**
   * The answer needs work that must not run on the event loop (fetching the issuer's keys after a
   * rotation); the stage completes with the final check, never with another pending one.
   */
  record Pending(java.util.concurrent.CompletionStage<TokenCheck> check) implements TokenCheck {
    public Pending {
      Objects.requireNonNull(check, "check");
    }
  }

  record Rejected(String reason) implements TokenCheck {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}

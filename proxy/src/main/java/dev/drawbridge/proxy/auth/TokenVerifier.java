package dev.drawbridge.proxy.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Checks a bearer token (for example an OIDC access token from Keycloak) a client presented as its
 * password. The seam for token authentication; the gateway module supplies the implementation.
 */
@FunctionalInterface
public interface TokenVerifier {

  /**
   * @param user the user named in the StartupMessage
   * @param token the token the client sent
   * @return the user's gateway roles when the token is valid for that user, empty otherwise
   */
  Optional<Set<String>> verify(String user, String token);
}

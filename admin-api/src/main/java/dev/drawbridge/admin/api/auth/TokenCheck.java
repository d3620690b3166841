package dev.drawbridge.admin.api.auth;

import dev.drawbridge.admin.api.AdminPrincipal;

/** Validates a bearer token (the gateway validates Keycloak access tokens against the JWKS). */
@FunctionalInterface
public interface TokenCheck {

  /**
   * @return the token's subject
   * @throws IllegalArgumentException when the token is not valid; the message says which check
   *     failed (never the token itself)
   */
  AdminPrincipal check(String token);
}

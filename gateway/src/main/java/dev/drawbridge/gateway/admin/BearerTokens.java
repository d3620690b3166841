package dev.drawbridge.gateway.admin;

import com.nimbusds.jwt.SignedJWT;
import dev.drawbridge.admin.api.AdminPrincipal;
import dev.drawbridge.admin.api.Roles;
import dev.drawbridge.admin.api.auth.TokenCheck;
import dev.drawbridge.proxy.auth.TokenVerifier;
import java.text.ParseException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The admin API's bearer tokens: the same Keycloak access tokens, checked by the same verifier as
 * token logins on the wire. The caller is the token's {@code preferred_username}, which the
 * verifier checks along with signature, issuer, audience, expiry and type; a caller with the {@code
 * agent} role is an agent.
 */
public final class BearerTokens implements TokenCheck {

  private final TokenVerifier verifier;

  private static final long KEY_FETCH_WAIT_SECONDS = 15;

  public BearerTokens(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public AdminPrincipal check(String token) {
    String user;
    try {
      // read unverified only to learn whom the token claims to be; verify() then proves it
      user = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("preferred_username");
    } catch (ParseException e) {
      throw new IllegalArgumentException("the bearer token is not a signed JWT");
    }
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("the token has no preferred_username");
    }
    return principal(user, verifier.verify(user, token));
  }

  private static AdminPrincipal principal(String user, TokenVerifier.TokenCheck check) {
    return switch (check) {
      case TokenVerifier.Accepted a ->
          new AdminPrincipal(user, a.roles(), a.roles().contains(Roles.AGENT));
      case TokenVerifier.Rejected r -> throw new IllegalArgumentException(r.reason());
      case TokenVerifier.Pending p -> {
        // an HTTP worker thread may wait for the issuer's keys (a rotation), briefly
        TokenVerifier.TokenCheck settled;
        try {
          settled = p.check().toCompletableFuture().get(KEY_FETCH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalArgumentException("the token could not be checked");
        } catch (ExecutionException | TimeoutException e) {
          throw new IllegalArgumentException("the issuer's signing keys could not be loaded");
        }
        if (settled instanceof TokenVerifier.Pending) {
          throw new IllegalArgumentException("the token could not be checked");
        }
        yield principal(user, settled);
      }
    };
  }
}

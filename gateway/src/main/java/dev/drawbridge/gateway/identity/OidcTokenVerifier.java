package dev.drawbridge.gateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.drawbridge.gateway.config.OidcConfig;
import dev.drawbridge.proxy.auth.TokenVerifier;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Checks a Keycloak access token offline: RS256 signature by a key of the issuer's key set, issuer,
 * audience, expiry and not-before (with the configured clock skew), token type {@code Bearer}, and
 * that {@code preferred_username} is the user the client connected as. The user's gateway roles are
 * the token's realm roles ({@code realm_access.roles}). Never blocks: the keys come from a {@link
 * JwksCache}.
 */
public final class OidcTokenVerifier implements TokenVerifier {

  private final OidcConfig config;
  private final JwksCache keys;
  private final Clock clock;

  public OidcTokenVerifier(OidcConfig config, JwksCache keys, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public TokenCheck verify(String user, String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return new Rejected("the password is not a signed JWT access token");
    }
    JWSHeader header = jwt.getHeader();
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      return new Rejected(
          "token signature algorithm " + header.getAlgorithm() + " is not allowed (RS256 only)");
    }
    String keyId = header.getKeyID();
    if (keyId == null) {
      return new Rejected("token header names no signing key (kid)");
    }
    // a known key answers at once; an unknown one (the issuer may have rotated its keys) is
    // fetched off the event loop, once, and the token checked when it is in
    CompletableFuture<Optional<RSAKey>> key = keys.signingKeyAfterFetch(keyId);
    if (key.isDone()) {
      return checkWith(user, jwt, key.join());
    }
    return new Pending(key.thenApply(k -> checkWith(user, jwt, k)));
  }

  private TokenCheck checkWith(String user, SignedJWT jwt, Optional<RSAKey> key) {
    return key.isPresent()
        ? verifySigned(user, jwt, key.get())
        : new Rejected(
            keys.loaded()
                ? "token is signed by a key the issuer does not publish"
                : "the gateway could not load the issuer's signing keys; try again in a few"
                    + " seconds");
  }

  private TokenCheck verifySigned(String user, SignedJWT jwt, RSAKey key) {
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        return new Rejected("token signature is invalid");
      }
    } catch (JOSEException e) {
      return new Rejected("token signature cannot be checked");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return new Rejected("token claims cannot be read");
    }
    return checkClaims(user, claims);
  }

  private TokenCheck checkClaims(String user, JWTClaimsSet claims) {
    if (!config.issuer().toString().equals(claims.getIssuer())) {
      return new Rejected("token issuer is not " + config.issuer());
    }
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(config.audience())) {
      return new Rejected("token audience does not include \"" + config.audience() + "\"");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return new Rejected("token has no expiry time");
    }
    if (now.isAfter(exp.toInstant().plus(config.clockSkew()))) {
      return new Rejected("token expired at " + exp.toInstant());
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(config.clockSkew()))) {
      return new Rejected("token is not valid before " + nbf.toInstant());
    }
    Object type = claims.getClaim("typ");
    if (!"Bearer".equals(type)) {
      return new Rejected("token type is " + type + ", not an access token (Bearer)");
    }
    Object username = claims.getClaim("preferred_username");
    if (!user.equals(username)) {
      return new Rejected("token was issued to another user (preferred_username)");
    }
    return new Accepted(realmRoles(claims));
  }

  private static Set<String> realmRoles(JWTClaimsSet claims) {
    if (claims.getClaim("realm_access") instanceof Map<?, ?> access
        && access.get("roles") instanceof List<?> roles) {
      return roles.stream()
          .filter(String.class::isInstance)
          .map(String.class::cast)
          .collect(Collectors.toUnmodifiableSet());
    }
    return Set.of();
  }
}

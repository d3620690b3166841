package dev.drawbridge.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated settings for OIDC access tokens sent as the password in gateway auth mode.
 *
 * @param issuer the realm's issuer URL; tokens must carry exactly this {@code iss}
 * @param jwksUrl where the signing keys are; empty means discover it from the issuer's {@code
 *     /.well-known/openid-configuration}
 * @param audience the value the token's {@code aud} must contain
 * @param clockSkew how far the gateway's clock and the issuer's may disagree for {@code exp}/{@code
 *     nbf}
 * @param requireTls whether token users must connect with TLS (plain connections from loopback are
 *     always allowed)
 * @param jwksRefresh how often the key set is fetched again in the background
 */
public record OidcConfig(
    URI issuer,
    Optional<URI> jwksUrl,
    String audience,
    Duration clockSkew,
    boolean requireTls,
    Duration jwksRefresh) {

  public OidcConfig {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(jwksRefresh, "jwksRefresh");
  }

  /** The discovery document's address: the issuer followed by the well-known path. */
  public URI discoveryUrl() {
    String base = issuer.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/.well-known/openid-configuration");
  }
}

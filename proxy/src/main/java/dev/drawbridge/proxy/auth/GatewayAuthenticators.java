package dev.drawbridge.proxy.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * How gateway auth mode decides between SCRAM and tokens: a user configured locally authenticates
 * with SCRAM-SHA-256 against its verifier; any other user, when token authentication is configured,
 * is asked for a cleartext password that must be a valid token for that user. Without token
 * authentication an unknown user is an unknown role.
 */
public final class GatewayAuthenticators implements ClientAuthenticatorFactory {

  private final LocalUserAuthenticators localUsers;
  private final Optional<TokenVerifier> tokens;
  private final boolean tokensRequireTls;

  /**
   * @param localUsers SCRAM authentication of the configured users
   * @param tokens token verification for everyone else, if configured
   * @param tokensRequireTls whether tokens may only be sent over TLS or loopback connections
   */
  public GatewayAuthenticators(
      LocalUserAuthenticators localUsers,
      Optional<TokenVerifier> tokens,
      boolean tokensRequireTls) {
    this.localUsers = Objects.requireNonNull(localUsers, "localUsers");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.tokensRequireTls = tokensRequireTls;
  }

  @Override
  public Optional<ClientAuthenticator> forUser(String user) {
    if (localUsers.knows(user)) {
      return localUsers.forUser(user);
    }
    return tokens.map(v -> new TokenAuthenticator(user, v));
  }

  @Override
  public boolean requiresSecureTransport(String user) {
    return tokensRequireTls && tokens.isPresent() && !localUsers.knows(user);
  }
}

package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.frontend.PasswordMessage;
import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates a client by a token sent as a cleartext password (AuthenticationCleartextPassword),
 * checked by a {@link TokenVerifier}. Only safe over TLS.
 */
public final class TokenAuthenticator implements ClientAuthenticator {

  private final String user;
  private final TokenVerifier verifier;

  public TokenAuthenticator(String user, TokenVerifier verifier) {
    this.user = user;
    this.verifier = verifier;
  }

  @Override
  public Authentication start() {
    return new Authentication.AuthenticationCleartextPassword();
  }

  @Override
  public Step next(ByteBuf body) {
    Optional<Set<String>> roles = verifier.verify(user, PasswordMessage.decode(body).password());
    if (roles.isEmpty()) {
      return new Failed(
          ErrorResponse.fatal(
              SqlState.INVALID_PASSWORD,
              "password authentication failed for user \"" + user + "\""));
    }
    return new Authenticated(Optional.empty(), roles.get());
  }
}

package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.frontend.PasswordMessage;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a client by a token sent as a cleartext password (AuthenticationCleartextPassword),
 * checked by a {@link TokenVerifier}. Only safe over TLS: {@link TokenTransportGuard} refuses token
 * users on plain connections from other hosts before the password is asked for.
 */
public final class TokenAuthenticator implements ClientAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(TokenAuthenticator.class);

  private final String user;
  private final TokenVerifier verifier;

  public TokenAuthenticator(String user, TokenVerifier verifier) {
    this.user = Objects.requireNonNull(user, "user");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  @Override
  public Authentication start() {
    return new Authentication.AuthenticationCleartextPassword();
  }

  @Override
  public Step next(ByteBuf body) {
    String token = PasswordMessage.decode(body).password();
    return step(verifier.verify(user, token));
  }

  private Step step(TokenVerifier.TokenCheck check) {
    return switch (check) {
      case TokenVerifier.Pending p ->
          new Pending(
              p.check()
                  .thenApply(
                      c ->
                          c instanceof TokenVerifier.Pending
                              ? step(new TokenVerifier.Rejected("the token could not be checked"))
                              : step(c)));
      case TokenVerifier.Accepted a -> {
        log.info("token accepted for user \"{}\" with roles {}", user, a.roles());
        yield new Authenticated(Optional.empty(), a.roles());
      }
      case TokenVerifier.Rejected r -> {
        log.info("token rejected for user \"{}\": {}", user, r.reason());
        yield new Failed(
            ErrorResponse.fatal(
                SqlState.INVALID_PASSWORD,
                "token authentication failed for user \"" + user + "\": " + r.reason()));
      }
    };
  }
}

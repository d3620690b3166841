package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.frontend.SASLInitialResponse;
import dev.drawbridge.proxy.protocol.frontend.SASLResponse;
import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Authenticates a local user with SCRAM-SHA-256 against its stored verifier. */
public final class ScramSha256Authenticator implements ClientAuthenticator {

  private final String user;
  private final Set<String> roles;
  private final ScramServerExchange exchange;
  private boolean firstDone;

  public ScramSha256Authenticator(
      String user, ScramVerifier verifier, Set<String> roles, SecureRandom random) {
    this.user = user;
    this.roles = Set.copyOf(roles);
    this.exchange = new ScramServerExchange(verifier, random);
  }

  @Override
  public Authentication start() {
    return new Authentication.AuthenticationSASL(List.of(Scram.MECHANISM));
  }

  @Override
  public Step next(ByteBuf body) {
    try {
      if (!firstDone) {
        firstDone = true;
        SASLInitialResponse initial = SASLInitialResponse.decode(body);
        if (!initial.mechanism().equals(Scram.MECHANISM)) {
          return new Failed(
              ErrorResponse.fatal(
                  SqlState.PROTOCOL_VIOLATION,
                  "client selected an invalid SASL authentication mechanism"));
        }
        return new Challenge(
            new Authentication.AuthenticationSASLContinue(exchange.serverFirst(initial.data())));
      }
      byte[] serverFinal = exchange.serverFinal(SASLResponse.decode(body).data(), user);
      return new Authenticated(
          Optional.of(new Authentication.AuthenticationSASLFinal(serverFinal)), roles);
    } catch (ScramException e) {
      return new Failed(ErrorResponse.fatal(e.sqlState(), e.getMessage(), e.detail()));
    } catch (ProtocolViolationException e) {
      return new Failed(ErrorResponse.fatal(e.sqlState(), e.getMessage()));
    }
  }
}

package dev.drawbridge.proxy.upstream;

import dev.drawbridge.proxy.auth.Md5Password;
import dev.drawbridge.proxy.auth.ScramClientExchange;
import dev.drawbridge.proxy.auth.ScramException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.frontend.PasswordMessage;
import dev.drawbridge.proxy.protocol.frontend.SASLInitialResponse;
import dev.drawbridge.proxy.protocol.frontend.SASLResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Answers the upstream's authentication requests with the gateway's own credentials: trust (nothing
 * to answer), cleartext, MD5 or SCRAM-SHA-256 (whose server signature is checked, so a fake
 * upstream cannot pretend to know the password).
 */
public final class UpstreamLogin {

  private final String user;
  private final Optional<String> password;
  private final SecureRandom random;
  private ScramClientExchange scram;

  public UpstreamLogin(String user, Optional<String> password, SecureRandom random) {
    this.user = user;
    this.password = password;
    this.random = random;
  }

  /**
   * The answer to one authentication request, if it needs one.
   *
   * @throws ScramException when the login cannot proceed (no password, unsupported method, bad
   *     server signature)
   */
  public Optional<ByteBuf> answer(Authentication request, ByteBufAllocator alloc)
      throws ScramException {
    return switch (request) {
      case Authentication.AuthenticationOk ok -> Optional.empty();
      case Authentication.AuthenticationCleartextPassword c ->
          Optional.of(new PasswordMessage(requirePassword()).encode(alloc));
      case Authentication.AuthenticationMD5Password md5 ->
          Optional.of(
              new PasswordMessage(Md5Password.response(user, requirePassword(), md5.salt()))
                  .encode(alloc));
      case Authentication.AuthenticationSASL sasl -> {
        if (!sasl.mechanisms().contains("SCRAM-SHA-256")) {
          throw new ScramException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "the upstream server offers no SASL mechanism the gateway supports",
              null);
        }
        scram = new ScramClientExchange(requirePassword(), random);
        yield Optional.of(
            new SASLInitialResponse("SCRAM-SHA-256", scram.clientFirst()).encode(alloc));
      }
      case Authentication.AuthenticationSASLContinue cont -> {
        yield Optional.of(new SASLResponse(requireScram().clientFinal(cont.data())).encode(alloc));
      }
      case Authentication.AuthenticationSASLFinal fin -> {
        requireScram().verifyServerFinal(fin.data());
        yield Optional.empty();
      }
      case Authentication.AuthenticationUnsupported u ->
          throw new ScramException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "upstream authentication method " + u.code() + " is not supported",
              null);
    };
  }

  private ScramClientExchange requireScram() throws ScramException {
    if (scram == null) {
      throw new ScramException(SqlState.PROTOCOL_VIOLATION, "unexpected SASL message", null);
    }
    return scram;
  }

  private String requirePassword() throws ScramException {
    return password.orElseThrow(
        () ->
            new ScramException(
                SqlState.INVALID_PASSWORD,
                "the upstream asks for a password and none is configured",
                null));
  }
}

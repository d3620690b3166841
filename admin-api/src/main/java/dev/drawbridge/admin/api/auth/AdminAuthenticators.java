package dev.drawbridge.admin.api.auth;

import dev.drawbridge.admin.api.AdminPrincipal;
import dev.drawbridge.admin.api.ApiException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin API's authentication: {@code Bearer} tokens when a token check is configured, and
 * {@code Basic} passwords of local users — only from loopback, since the password crosses the wire
 * as it is (the admin listener has no TLS of its own).
 */
public final class AdminAuthenticators implements AdminAuthenticator {

  private final Optional<PasswordCheck> passwords;
  private final Optional<TokenCheck> tokens;

  /**
   * @param passwords local users' passwords (Basic, loopback only), if enabled
   * @param tokens bearer tokens, if enabled
   */
  public AdminAuthenticators(Optional<PasswordCheck> passwords, Optional<TokenCheck> tokens) {
    if (passwords.isEmpty() && tokens.isEmpty()) {
      throw new IllegalArgumentException("the admin API needs at least one way to log in");
    }
    this.passwords = passwords;
    this.tokens = tokens;
  }

  @Override
  public AdminPrincipal authenticate(String authorization, InetSocketAddress remote) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.unauthorized(
          "log in: send Authorization: Bearer <token>"
              + (passwords.isPresent() ? " or, from this machine, Basic <user:password>" : ""));
    }
    int space = authorization.indexOf(' ');
    String scheme = space < 0 ? authorization : authorization.substring(0, space);
    String value = space < 0 ? "" : authorization.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer") && tokens.isPresent()) {
      try {
        return tokens.get().check(value);
      } catch (IllegalArgumentException e) {
        throw ApiException.unauthorized("the token was refused: " + e.getMessage());
      }
    }
    if (scheme.equalsIgnoreCase("Basic") && passwords.isPresent()) {
      if (remote == null || !remote.getAddress().isLoopbackAddress()) {
        throw ApiException.unauthorized(
            "passwords are accepted only from the gateway's own machine; use a bearer token");
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiException.unauthorized("the Basic credentials are not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw ApiException.unauthorized("the Basic credentials must be user:password");
      }
      return passwords
          .get()
          .check(decoded.substring(0, colon), decoded.substring(colon + 1))
          .orElseThrow(() -> ApiException.unauthorized("wrong user name or password"));
    }
    throw ApiException.unauthorized("unsupported authorization scheme \"" + scheme + "\"");
  }
}

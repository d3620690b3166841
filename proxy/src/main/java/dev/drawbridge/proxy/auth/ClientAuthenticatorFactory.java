package dev.drawbridge.proxy.auth;

import java.util.Optional;

/** Finds how a client that names a user must authenticate; empty means the role is unknown. */
@FunctionalInterface
public interface ClientAuthenticatorFactory {

  Optional<ClientAuthenticator> forUser(String user);

  /**
   * Whether this user's password may only travel over TLS (or a loopback connection): true for
   * users who authenticate with a bearer token sent as a cleartext password. {@link
   * TokenTransportGuard} refuses such users on other connections before asking for the password.
   */
  default boolean requiresSecureTransport(String user) {
    return false;
  }
}

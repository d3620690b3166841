package dev.drawbridge.proxy.auth;

import java.util.Optional;

/** Finds how a client that names a user must authenticate; empty means the role is unknown. */
@FunctionalInterface
public interface ClientAuthenticatorFactory {

  Optional<ClientAuthenticator> forUser(String user);
}

package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.ProxyConfig;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SCRAM-SHA-256 authentication of the local users in {@link ProxyConfig#users()}. */
public final class LocalUserAuthenticators implements ClientAuthenticatorFactory {

  private record Entry(ScramVerifier verifier, ProxyConfig.LocalUser user) {}

  private final Map<String, Entry> users = new HashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @throws IllegalArgumentException when a verifier is malformed
   */
  public LocalUserAuthenticators(List<ProxyConfig.LocalUser> localUsers) {
    for (ProxyConfig.LocalUser u : localUsers) {
      users.put(u.name(), new Entry(ScramVerifier.parse(u.scramVerifier()), u));
    }
  }

  /** Whether {@code user} is a configured local user. */
  public boolean knows(String user) {
    return users.containsKey(user);
  }

  @Override
  public Optional<ClientAuthenticator> forUser(String user) {
    Entry e = users.get(user);
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(new ScramSha256Authenticator(user, e.verifier, e.user.roles(), random));
  }
}

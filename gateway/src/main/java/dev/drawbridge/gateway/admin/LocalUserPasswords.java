package dev.drawbridge.gateway.admin;

import dev.drawbridge.admin.api.AdminPrincipal;
import dev.drawbridge.admin.api.Roles;
import dev.drawbridge.admin.api.auth.PasswordCheck;
import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.auth.ScramVerifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's passwords: the gateway's local users, checked against their SCRAM verifiers (the
 * plaintext is never stored). A user with the {@code agent} role is an agent.
 */
public final class LocalUserPasswords implements PasswordCheck {

  private record Entry(ScramVerifier verifier, ProxyConfig.LocalUser user) {}

  private final Map<String, Entry> users = new HashMap<>();

  public LocalUserPasswords(List<ProxyConfig.LocalUser> localUsers) {
    for (ProxyConfig.LocalUser u : localUsers) {
      users.put(u.name(), new Entry(ScramVerifier.parse(u.scramVerifier()), u));
    }
  }

  @Override
  public Optional<AdminPrincipal> check(String user, String password) {
    Entry e = users.get(user);
    if (e == null || !e.verifier().matches(password)) {
      return Optional.empty();
    }
    return Optional.of(
        new AdminPrincipal(user, e.user().roles(), e.user().roles().contains(Roles.AGENT)));
  }
}

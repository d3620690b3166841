package dev.drawbridge.admin.api;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling the admin API.
 *
 * @param name the user name (a local user, or the token's preferred_username)
 * @param roles the caller's roles (engineer, approver, auditor, admin, agent)
 * @param agent true for an AI agent's principal: agents never approve
 */
public record AdminPrincipal(String name, Set<String> roles, boolean agent) {

  public AdminPrincipal {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
  }

  /** True when the caller has at least one of these roles. */
  public boolean hasAnyRole(Set<String> wanted) {
    for (String role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }
}

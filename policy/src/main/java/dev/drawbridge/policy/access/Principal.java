package dev.drawbridge.policy.access;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking.
 *
 * @param name the user or client name as authenticated
 * @param roles the gateway roles the principal holds (e.g. {@code engineer}, {@code approver})
 * @param kind person or agent
 */
public record Principal(String name, Set<String> roles, PrincipalKind kind) {

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    roles = Set.copyOf(roles);
  }

  public static Principal human(String name, String... roles) {
    return new Principal(name, Set.of(roles), PrincipalKind.HUMAN);
  }

  public static Principal agent(String name, String... roles) {
    return new Principal(name, Set.of(roles), PrincipalKind.AGENT);
  }
}

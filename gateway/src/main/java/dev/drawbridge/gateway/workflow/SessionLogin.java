package dev.drawbridge.gateway.workflow;

import java.util.Objects;
import java.util.Optional;

/**
 * An upstream login that client sessions use at one access level (gateway auth mode).
 *
 * @param user the PostgreSQL role
 * @param password its password; empty when the server trusts the gateway
 */
public record SessionLogin(String user, Optional<String> password) {

  public SessionLogin {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isBlank()) {
      throw new IllegalArgumentException("a session login needs a user");
    }
  }

  @Override
  public String toString() {
    return "SessionLogin[" + user + "]"; // never the password
  }
}

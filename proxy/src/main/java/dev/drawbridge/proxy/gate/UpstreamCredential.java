package dev.drawbridge.proxy.gate;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A login the gateway uses upstream for a session: a role, its password, and the startup parameters
 * the gateway adds for it (an agent's read-only option, say). Two credentials are the same login
 * when all three are equal.
 *
 * @param user the upstream role
 * @param password its password; empty when the upstream trusts the gateway
 * @param parameters startup parameters added to the client's (see {@link
 *     SessionGate#upstreamParameters()} for how they combine)
 */
public record UpstreamCredential(
    String user, Optional<String> password, Map<String, String> parameters) {

  public UpstreamCredential {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    parameters = Map.copyOf(parameters);
    if (user.isEmpty()) {
      throw new IllegalArgumentException("an upstream login needs a user name");
    }
  }

  @Override
  public String toString() {
    // never the password
    return "UpstreamCredential[" + user + ", " + parameters + "]";
  }
}

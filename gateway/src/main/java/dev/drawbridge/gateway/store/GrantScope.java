package dev.drawbridge.gateway.store;

import java.util.Objects;

/** What a grant allows: one approved plan, or an access level. */
public sealed interface GrantScope {

  /** Running the statement whose staged plan has this fingerprint. */
  record Plan(String fingerprint) implements GrantScope {
    public Plan {
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }

  /** Everything the access level allows. */
  record Access(AccessLevel level) implements GrantScope {
    public Access {
      Objects.requireNonNull(level, "level");
    }
  }
}

package dev.drawbridge.policy.access;

import java.util.Objects;

/** What the gateway does with a statement. Every decision carries a reason a user can act on. */
public sealed interface AccessDecision {

  /** SQLSTATE insufficient_privilege, used for every policy denial. */
  String INSUFFICIENT_PRIVILEGE = "42501";

  /** Why, in words meant for the person or agent who sent the statement. */
  String reason();

  /** The verdict this decision carries. */
  Verdict verdict();

  /** Forward the statement. */
  record Allow(String reason) implements AccessDecision {
    public Allow {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Verdict verdict() {
      return Verdict.ALLOW;
    }
  }

  /** Refuse it with an ErrorResponse carrying {@code sqlState}. */
  record Deny(String reason, String sqlState) implements AccessDecision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(sqlState, "sqlState");
    }

    /** A denial with SQLSTATE 42501. */
    public Deny(String reason) {
      this(reason, INSUFFICIENT_PRIVILEGE);
    }

    @Override
    public Verdict verdict() {
      return Verdict.DENY;
    }
  }

  /** Do not forward it; it may run once a change request for it is approved. */
  record NeedsApproval(String reason) implements AccessDecision {
    public NeedsApproval {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Verdict verdict() {
      return Verdict.NEEDS_APPROVAL;
    }
  }

  /** Do not forward it as is; a later stage rewrites it (e.g. into a staged plan). */
  record Rewrite(String reason) implements AccessDecision {
    public Rewrite {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Verdict verdict() {
      return Verdict.REWRITE;
    }
  }

  /** The decision for {@code verdict} with {@code reason}. */
  static AccessDecision of(Verdict verdict, String reason) {
    return switch (verdict) {
      case ALLOW -> new Allow(reason);
      case DENY -> new Deny(reason);
      case NEEDS_APPROVAL -> new NeedsApproval(reason);
      case REWRITE -> new Rewrite(reason);
    };
  }

  /**
   * How restrictive a decision is, for combining the decisions of a multi-statement string: DENY
   * &gt; NEEDS_APPROVAL &gt; REWRITE &gt; ALLOW.
   */
  default int severity() {
    return switch (verdict()) {
      case ALLOW -> 0;
      case REWRITE -> 1;
      case NEEDS_APPROVAL -> 2;
      case DENY -> 3;
    };
  }
}

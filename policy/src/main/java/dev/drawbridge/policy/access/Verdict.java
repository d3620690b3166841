package dev.drawbridge.policy.access;

/** The outcome a rule names; {@link AccessDecision} carries it with its reason. */
public enum Verdict {
  ALLOW,
  DENY,
  NEEDS_APPROVAL,
  REWRITE
}

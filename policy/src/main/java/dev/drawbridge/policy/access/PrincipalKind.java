package dev.drawbridge.policy.access;

/** Whether a principal is a person or an automated agent. */
public enum PrincipalKind {
  HUMAN,
  AGENT
}

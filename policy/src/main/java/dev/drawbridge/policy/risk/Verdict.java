package dev.drawbridge.policy.risk;

/** The outcome for one statement. */
public enum Verdict {
  /** Forward it (the gateway still wraps it in lock_timeout). */
  SAFE,
  /** Do not forward; offer the staged plan or ask for approval as written. */
  UNSAFE,
  /** Drawbridge cannot judge it: fail closed. */
  NOT_UNDERSTOOD
}

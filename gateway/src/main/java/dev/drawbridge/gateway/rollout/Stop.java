package dev.drawbridge.gateway.rollout;

/** Why a runner stops at a step or batch boundary before the step is done. */
public enum Stop {
  /** Another gateway took the lease over: write nothing more. */
  LEASE_LOST,
  PAUSE,
  CANCEL,
  ROLLBACK
}

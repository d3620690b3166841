package dev.drawbridge.policy.plan;

/** How the executor must run a plan step. */
public enum StepKind {
  /** Short DDL in its own transaction, under lock_timeout, retried on SQLSTATE 55P03. */
  FAST_DDL,
  /** Non-transactional (CREATE INDEX CONCURRENTLY …): alone, in autocommit, its own Query. */
  CONCURRENT,
  /** Batched UPDATE, one short autocommit transaction per batch, throttled. */
  BACKFILL,
  /**
   * VALIDATE CONSTRAINT in its own transaction (SHARE UPDATE EXCLUSIVE, long statement_timeout).
   */
  VALIDATE,
  /** Removal of helpers or old objects once the change is complete. */
  CLEANUP,
  /** A human or application action Drawbridge cannot perform (deploy, trigger, wait). */
  MANUAL,
  /** The original statement, which has no online alternative and needs approval as written. */
  AS_WRITTEN
}

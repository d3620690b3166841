/**
 * Staged safe plans for unsafe schema changes: ordered steps (fast DDL under lock_timeout,
 * concurrent builds, batched backfills, validations, cleanups), each rendered from a statement tree
 * with its rollback, plus the SHA-256 fingerprint approvals bind to. {@link
 * dev.drawbridge.policy.plan.PolicyEngine} is the facade the gateway and the {@code plan} command
 * call.
 */
package dev.drawbridge.policy.plan;

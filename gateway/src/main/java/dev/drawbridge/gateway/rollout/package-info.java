/**
 * The rollout executor: carries out approved staged plans against the upstream through the
 * gateway's own DDL pool. Each step runs as its kind requires (short DDL under {@code lock_timeout}
 * with retry and backoff, concurrent index builds alone in autocommit, keyset-batched and throttled
 * backfills, manual steps that wait for an operator); every step and batch is checkpointed in the
 * state store, and a lease in the store makes exactly one gateway run each rollout.
 */
package dev.drawbridge.gateway.rollout;

/**
 * The audit trail: who did what, when, through which approval, and what happened. Events are
 * captured cheaply where they happen (on the event loop a statement costs one small record on a
 * bounded queue), then chained and written in batches by one writer thread per gateway; each
 * gateway keeps its own SHA-256 hash chain in the state store, which {@link
 * dev.drawbridge.gateway.audit.AuditVerifier} checks link by link. Privileged operations wait until
 * their event is durable before they take effect; when the store is away, the configured {@link
 * dev.drawbridge.gateway.audit.OutageMode} decides between refusing and spooling to a local file.
 */
package dev.drawbridge.gateway.audit;

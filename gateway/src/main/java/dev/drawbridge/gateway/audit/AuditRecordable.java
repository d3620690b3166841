package dev.drawbridge.gateway.audit;

/**
 * Something that becomes an {@link AuditEvent} on the writer thread. Capture on the event loop
 * stores raw facts; normalizing SQL, redacting and formatting happen here, off the hot path.
 */
@FunctionalInterface
public interface AuditRecordable {

  AuditEvent toEvent(EventFormatting formatting);
}

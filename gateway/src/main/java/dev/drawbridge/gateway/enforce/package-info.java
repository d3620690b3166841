/**
 * Enforcement on the wire: the {@link dev.drawbridge.gateway.enforce.PolicyGate} joins the proxy's
 * statement gate to the policy engine and the access rules. Reads and writes the principal may run
 * are allowed on the event loop in microseconds; schema changes are judged with catalog facts
 * (cached, or fetched read-only on a dedicated executor behind a deferred decision); statements
 * that need approval open a change request through the {@link
 * dev.drawbridge.gateway.workflow.ChangeDesk} and are refused with an error that names it.
 */
package dev.drawbridge.gateway.enforce;

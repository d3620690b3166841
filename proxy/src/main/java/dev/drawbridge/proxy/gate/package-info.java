/**
 * The seam between the wire protocol and the policy: every statement a client sends passes a {@link
 * dev.drawbridge.proxy.gate.StatementGate} before it is forwarded.
 */
package dev.drawbridge.proxy.gate;

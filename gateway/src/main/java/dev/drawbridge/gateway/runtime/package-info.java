/**
 * Wiring and lifecycle of a running gateway: the proxy, the admin listener, metrics and readiness,
 * started in order and closed in reverse on shutdown.
 */
package dev.drawbridge.gateway.runtime;

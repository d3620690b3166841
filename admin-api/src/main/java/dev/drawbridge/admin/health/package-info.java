/**
 * Liveness, readiness and metrics over HTTP: {@code GET /health}, {@code GET /ready} and {@code GET
 * /metrics} (Prometheus text format), as handlers for the JDK HTTP server.
 */
package dev.drawbridge.admin.health;

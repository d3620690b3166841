package dev.drawbridge.admin.health;

/** Asked on every {@code GET /ready}; must answer within a second or two. */
@FunctionalInterface
public interface ReadinessCheck {

  Readiness check();
}

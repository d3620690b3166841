package dev.drawbridge.gateway.rollout;

import java.time.Duration;

/** Waits: between retries, batches and heartbeats. Tests pass one that does not really sleep. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps on the current thread. */
  static Sleeper system() {
    return d -> {
      if (d.isPositive()) {
        Thread.sleep(d);
      }
    };
  }
}

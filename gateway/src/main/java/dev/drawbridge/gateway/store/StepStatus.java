package dev.drawbridge.gateway.store;

import java.util.Locale;

/** Where one step of a rollout is. */
public enum StepStatus {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  ROLLED_BACK;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static StepStatus parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}

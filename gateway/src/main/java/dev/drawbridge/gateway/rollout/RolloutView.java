package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.store.RolloutRecord;
import dev.drawbridge.gateway.store.RolloutStepRecord;
import java.util.List;
import java.util.Objects;

/** A rollout with its steps, as the API and CLI show it. */
public record RolloutView(RolloutRecord rollout, List<RolloutStepRecord> steps) {

  public RolloutView {
    Objects.requireNonNull(rollout, "rollout");
    steps = List.copyOf(steps);
  }
}

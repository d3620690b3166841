package dev.drawbridge.gateway.rollout;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A session that blocks a rollout's statement, as {@code pg_blocking_pids} and {@code
 * pg_stat_activity} show it.
 */
public record Blocker(int pid, String user, String application, String state, long xactSeconds) {

  /** One line for people: {@code pid 4242 (alice, psql, idle in transaction for 12s)}. */
  public String describe() {
    return "pid "
        + pid
        + " ("
        + user
        + (application.isEmpty() ? "" : ", " + application)
        + ", "
        + state
        + (xactSeconds >= 0 ? " for " + xactSeconds + "s" : "")
        + ")";
  }

  public static String describe(List<Blocker> blockers) {
    return blockers.stream().map(Blocker::describe).collect(Collectors.joining(", "));
  }
}

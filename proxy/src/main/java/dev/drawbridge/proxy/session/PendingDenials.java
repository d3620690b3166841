package dev.drawbridge.proxy.session;

import dev.drawbridge.proxy.gate.GateDecision;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The denied statements whose poison replacement is still on its way through the upstream, in
 * order. Each has a unique marker that appears in the upstream's syntax error for the poison; that
 * error is replaced by the gate's. A poison the server skipped (because an earlier message of the
 * same batch failed) never produces an error: its entry expires at the ReadyForQuery ending that
 * batch.
 */
final class PendingDenials {

  /** A denial waiting for its poison's error. */
  record Pending(String marker, GateDecision.Deny deny, long readyIndex) {}

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final String markerPrefix;
  private final int capacity;
  private long seq;

  /**
   * @param markerPrefix unguessable per session, so that no client text can imitate a marker
   * @param capacity beyond this many entries the oldest are dropped
   */
  PendingDenials(String markerPrefix, int capacity) {
    this.markerPrefix = markerPrefix;
    this.capacity = capacity;
  }

  /**
   * Registers a denial.
   *
   * @param readyIndex how many ReadyForQuery-producing messages (Query, Sync) were forwarded before
   *     the poison: its error arrives before ReadyForQuery number {@code readyIndex + 1}
   * @return the marker to put in the poison statement
   */
  String add(GateDecision.Deny deny, long readyIndex) {
    String marker = markerPrefix + "_" + (++seq);
    if (queue.size() >= capacity) {
      queue.removeFirst();
    }
    queue.addLast(new Pending(marker, deny, readyIndex));
    return marker;
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /**
   * The denial whose marker the error message names, removed together with any older entries (the
   * server skipped those). Null when the error is the upstream's own.
   */
  GateDecision.Deny take(String errorMessage) {
    int index = 0;
    Pending found = null;
    for (Iterator<Pending> it = queue.iterator(); it.hasNext(); index++) {
      Pending p = it.next();
      if (errorMessage.contains(p.marker())) {
        found = p;
        break;
      }
    }
    if (found == null) {
      return null;
    }
    for (int i = 0; i <= index; i++) {
      queue.removeFirst();
    }
    return found.deny();
  }

  /** Called at each ReadyForQuery: entries of finished batches can no longer get their error. */
  void readyReceived(long readyCount) {
    while (!queue.isEmpty() && queue.peekFirst().readyIndex() < readyCount) {
      queue.removeFirst();
    }
  }
}

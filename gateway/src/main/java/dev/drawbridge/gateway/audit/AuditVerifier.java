package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.store.AuditRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks every chain from its first event: gap-free sequence numbers from 1, each event's previous
 * hash equal to the hash of the event before it, each hash equal to the hash of its content; and,
 * given exported heads, that each chain still reaches its exported head with the same hash (so a
 * deleted tail is caught). Reports the first broken link of each chain.
 */
public final class AuditVerifier {

  private final AuditStore store;

  public AuditVerifier(AuditStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @param exported heads exported earlier, by gateway id (may be empty)
   */
  public List<ChainReport> verify(Map<String, ChainHead> exported) {
    List<String> ids = new ArrayList<>(store.chains());
    for (String id : exported.keySet()) {
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    List<ChainReport> reports = new ArrayList<>();
    for (String id : ids) {
      reports.add(verifyChain(id, Optional.ofNullable(exported.get(id))));
    }
    return reports;
  }

  /** The current heads of every chain, for export. */
  public List<ChainHead> heads() {
    List<ChainHead> heads = new ArrayList<>();
    for (String id : store.chains()) {
      store.last(id).ifPresent(r -> heads.add(new ChainHead(id, r.seq(), r.hash())));
    }
    return heads;
  }

  private ChainReport verifyChain(String gatewayId, Optional<ChainHead> exported) {
    Walk walk = new Walk(exported);
    store.scan(gatewayId, walk::next);
    if (walk.broken == null && exported.isPresent()) {
      ChainHead h = exported.get();
      if (walk.seq < h.seq()) {
        walk.broken =
            new ChainReport.BrokenLink(
                walk.seq + 1,
                "the chain ends at seq "
                    + walk.seq
                    + " but the exported head is at seq "
                    + h.seq()
                    + ": events were deleted from the end");
      } else if (!walk.exportedSeen) {
        walk.broken =
            new ChainReport.BrokenLink(h.seq(), "the event at the exported head's seq differs");
      }
    }
    return new ChainReport(
        gatewayId,
        walk.count,
        new ChainHead(gatewayId, walk.seq, walk.lastHash),
        Optional.ofNullable(walk.broken));
  }

  /** The state of one pass over a chain. */
  private static final class Walk {
    private final Optional<ChainHead> exported;
    long count;
    long seq;
    String lastHash = ChainHashes.GENESIS;
    ChainReport.BrokenLink broken;
    boolean exportedSeen;

    Walk(Optional<ChainHead> exported) {
      this.exported = exported;
    }

    void next(AuditRow r) {
      if (broken != null) {
        return;
      }
      count++;
      long expected = seq + 1;
      if (r.seq() != expected) {
        broken =
            new ChainReport.BrokenLink(
                expected,
                "expected seq " + expected + " but found " + r.seq() + ": events are missing");
        return;
      }
      if (!r.prevHash().equals(lastHash)) {
        broken =
            new ChainReport.BrokenLink(
                r.seq(),
                "its previous hash does not match the event before it:"
                    + " an earlier event was removed, replaced or reordered");
        return;
      }
      if (!ChainHashes.hash(r).equals(r.hash())) {
        broken =
            new ChainReport.BrokenLink(
                r.seq(), "its content does not match its hash: the event was edited");
        return;
      }
      if (exported.isPresent() && exported.get().seq() == r.seq()) {
        exportedSeen = exported.get().hash().equals(r.hash());
      }
      seq = r.seq();
      lastHash = r.hash();
    }
  }
}

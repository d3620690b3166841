package dev.drawbridge.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drawbridge.gateway.store.AuditRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The head of this gateway's chain, and how new events join it. Used by the writer thread only.
 * {@link #link} computes rows without moving the head; {@link #advance} moves it once they are
 * stored, so a failed write leaves the chain where it was.
 */
final class AuditChain {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String gatewayId;
  private long seq;
  private String lastHash;

  AuditChain(String gatewayId, long seq, String lastHash) {
    this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    this.seq = seq;
    this.lastHash = Objects.requireNonNull(lastHash, "lastHash");
  }

  /** The chain as the store has it: after its last row, or empty. */
  static AuditChain after(String gatewayId, java.util.Optional<AuditRow> last) {
    return last.map(r -> new AuditChain(gatewayId, r.seq(), r.hash()))
        .orElseGet(() -> new AuditChain(gatewayId, 0, ChainHashes.GENESIS));
  }

  List<AuditRow> link(List<AuditEvent> events) {
    List<AuditRow> rows = new ArrayList<>(events.size());
    long s = seq;
    String prev = lastHash;
    for (AuditEvent e : events) {
      s++;
      AuditRow unhashed = row(e, s, prev, "");
      String hash = ChainHashes.hash(unhashed);
      rows.add(row(e, s, prev, hash));
      prev = hash;
    }
    return rows;
  }

  void advance(List<AuditRow> stored) {
    if (!stored.isEmpty()) {
      AuditRow last = stored.getLast();
      seq = last.seq();
      lastHash = last.hash();
    }
  }

  long seq() {
    return seq;
  }

  String lastHash() {
    return lastHash;
  }

  String gatewayId() {
    return gatewayId;
  }

  private AuditRow row(AuditEvent e, long s, String prev, String hash) {
    return new AuditRow(
        gatewayId,
        s,
        e.at(),
        e.type(),
        e.actor(),
        e.sessionId(),
        e.database(),
        e.decision(),
        e.rule(),
        e.tables(),
        details(e),
        prev,
        hash);
  }

  static String details(AuditEvent e) {
    try {
      return JSON.writeValueAsString(e.details());
    } catch (JsonProcessingException x) {
      throw new IllegalStateException("audit details are text only", x);
    }
  }
}

package dev.drawbridge.gateway.audit;

import java.util.Objects;

/**
 * The last link of one gateway's chain, as exported: kept elsewhere, it makes a deleted tail
 * detectable (the chain must still reach this sequence number with this hash).
 */
public record ChainHead(String gatewayId, long seq, String hash) {

  public ChainHead {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(hash, "hash");
  }
}

package dev.drawbridge.gateway.audit;

import java.util.Optional;

/**
 * What verifying one chain found.
 *
 * @param gatewayId the chain
 * @param events how many events were checked
 * @param head the last event's link (seq 0 and the genesis hash when empty)
 * @param broken the first broken link, if any
 */
public record ChainReport(
    String gatewayId, long events, ChainHead head, Optional<BrokenLink> broken) {

  /**
   * The first place the chain does not hold.
   *
   * @param seq the sequence number where it breaks
   * @param problem what is wrong there, for people
   */
  public record BrokenLink(long seq, String problem) {}

  public boolean intact() {
    return broken.isEmpty();
  }
}

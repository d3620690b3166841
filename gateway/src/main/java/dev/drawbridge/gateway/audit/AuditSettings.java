package dev.drawbridge.gateway.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How this gateway records its audit trail.
 *
 * @param gatewayId names this gateway's chain; unique among gateways sharing a store
 * @param queueCapacity the most events waiting for the writer; beyond it capture refuses
 * @param batchSize the most events per store transaction
 * @param outageMode what ordinary statements do while the store is away
 * @param spoolFile where {@link OutageMode#SPOOL} appends events
 * @param redactLiterals record SQL with literals replaced by {@code ?}
 * @param writeAhead a statement is forwarded only once its event is durable (in the store, or in
 *     the spool): every statement the database ran is in the trail, even after a crash
 * @param retryInterval how often the writer tries the store again during an outage
 * @param headFile where the chain head is exported periodically, if anywhere
 * @param headInterval how often it is exported
 */
public record AuditSettings(
    String gatewayId,
    int queueCapacity,
    int batchSize,
    OutageMode outageMode,
    Path spoolFile,
    boolean redactLiterals,
    boolean writeAhead,
    Duration retryInterval,
    Optional<Path> headFile,
    Duration headInterval) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public AuditSettings {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(outageMode, "outageMode");
    Objects.requireNonNull(spoolFile, "spoolFile");
    Objects.requireNonNull(retryInterval, "retryInterval");
    Objects.requireNonNull(headFile, "headFile");
    Objects.requireNonNull(headInterval, "headInterval");
    if (!ID.matcher(gatewayId).matches()) {
      throw new IllegalArgumentException(
          "audit.gateway-id must be 1-63 letters, digits, '.', '_' or '-', not " + gatewayId);
    }
    if (queueCapacity < 16) {
      throw new IllegalArgumentException("audit.queue-capacity must be at least 16");
    }
    if (batchSize < 1 || batchSize > queueCapacity) {
      throw new IllegalArgumentException("audit.batch-size must be between 1 and the capacity");
    }
    if (retryInterval.isNegative() || retryInterval.isZero()) {
      throw new IllegalArgumentException("audit.retry-interval must be positive");
    }
    if (headInterval.isNegative() || headInterval.isZero()) {
      throw new IllegalArgumentException("audit.head-interval must be positive");
    }
  }

  /** Defaults: refuse during an outage, redact literals, write ahead. */
  public static AuditSettings defaults(String gatewayId, Path spoolFile) {
    return new AuditSettings(
        gatewayId,
        65_536,
        500,
        OutageMode.REFUSE,
        spoolFile,
        true,
        true,
        Duration.ofSeconds(1),
        Optional.empty(),
        Duration.ofMinutes(5));
  }

  public AuditSettings withOutageMode(OutageMode mode) {
    return new AuditSettings(
        gatewayId,
        queueCapacity,
        batchSize,
        mode,
        spoolFile,
        redactLiterals,
        writeAhead,
        retryInterval,
        headFile,
        headInterval);
  }

  public AuditSettings withRetryInterval(Duration interval) {
    return new AuditSettings(
        gatewayId,
        queueCapacity,
        batchSize,
        outageMode,
        spoolFile,
        redactLiterals,
        writeAhead,
        interval,
        headFile,
        headInterval);
  }

  public AuditSettings withWriteAhead(boolean ahead) {
    return new AuditSettings(
        gatewayId,
        queueCapacity,
        batchSize,
        outageMode,
        spoolFile,
        redactLiterals,
        ahead,
        retryInterval,
        headFile,
        headInterval);
  }
}

package dev.drawbridge.gateway.config;

import java.time.Duration;

/** The {@code audit} settings as written, before validation; null means not set. */
public record AuditSection(
    String gatewayId,
    String onStoreOutage,
    String spoolFile,
    Boolean redactLiterals,
    Boolean writeAhead,
    Integer queueCapacity,
    Integer batchSize,
    Duration retryInterval,
    String headFile,
    Duration headInterval) {

  /** {@code base} with every value {@code over} sets replacing it. */
  static AuditSection merge(AuditSection base, AuditSection over) {
    if (base == null || over == null) {
      return over != null ? over : base;
    }
    return new AuditSection(
        pick(over.gatewayId, base.gatewayId),
        pick(over.onStoreOutage, base.onStoreOutage),
        pick(over.spoolFile, base.spoolFile),
        pick(over.redactLiterals, base.redactLiterals),
        pick(over.writeAhead, base.writeAhead),
        pick(over.queueCapacity, base.queueCapacity),
        pick(over.batchSize, base.batchSize),
        pick(over.retryInterval, base.retryInterval),
        pick(over.headFile, base.headFile),
        pick(over.headInterval, base.headInterval));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }
}

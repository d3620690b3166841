package dev.drawbridge.gateway.config;

import dev.drawbridge.gateway.audit.AuditDefaults;
import dev.drawbridge.gateway.audit.AuditSettings;
import dev.drawbridge.gateway.audit.OutageMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Validates the {@code audit} section. */
final class AuditConfigs {

  private AuditConfigs() {}

  /** The audit settings, defaults filled in. */
  static AuditSettings audit(AuditSection a, List<String> problems) {
    AuditSettings d = AuditDefaults.settings();
    if (a == null) {
      return d;
    }
    try {
      String id = pick(a.gatewayId(), d.gatewayId());
      Path spool =
          a.spoolFile() != null
              ? Path.of(a.spoolFile())
              : a.gatewayId() != null ? AuditDefaults.spoolFile(id) : d.spoolFile();
      return new AuditSettings(
          id,
          pick(a.queueCapacity(), d.queueCapacity()),
          pick(a.batchSize(), d.batchSize()),
          a.onStoreOutage() != null ? OutageMode.parse(a.onStoreOutage()) : d.outageMode(),
          spool,
          pick(a.redactLiterals(), d.redactLiterals()),
          pick(a.writeAhead(), d.writeAhead()),
          pick(a.retryInterval(), d.retryInterval()),
          a.headFile() != null ? Optional.of(Path.of(a.headFile())) : d.headFile(),
          pick(a.headInterval(), d.headInterval()));
    } catch (IllegalArgumentException e) {
      problems.add("audit: " + e.getMessage() + ".");
      return d;
    }
  }

  private static <T> T pick(T value, T fallback) {
    return value != null ? value : fallback;
  }
}

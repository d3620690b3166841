package dev.drawbridge.gateway.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** The audit settings of a gateway whose configuration says nothing about the audit trail. */
public final class AuditDefaults {

  private AuditDefaults() {}

  /**
   * Chain id from the host name (unique per host; gateways on one host need their own ids), spool
   * in the temporary directory, refuse during outages, literals redacted, write-ahead.
   */
  public static AuditSettings settings() {
    String id = gatewayId();
    return AuditSettings.defaults(id, spoolFile(id));
  }

  /** The default spool of a chain: in the temporary directory. */
  public static Path spoolFile(String gatewayId) {
    return Path.of(
        System.getProperty("java.io.tmpdir"), "drawbridge-audit-" + gatewayId + ".spool");
  }

  static String gatewayId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "gateway";
    }
    String id = host.replaceAll("[^A-Za-z0-9._-]", "-");
    if (id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0))) {
      id = "gw" + id;
    }
    return id.length() > 63 ? id.substring(0, 63) : id;
  }
}

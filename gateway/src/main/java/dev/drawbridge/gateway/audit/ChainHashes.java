package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.store.AuditRow;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of a chained event: SHA-256 over its canonical encoding, which is every field but the
 * hash, in a fixed order, each as a 4-byte big-endian length and its UTF-8 bytes (length -1 for
 * null; a list as its count followed by its elements). The previous event's hash is one of the
 * fields, so changing, removing or reordering any event breaks every link after it.
 */
public final class ChainHashes {

  /** The previous hash of the first event of a chain. */
  public static final String GENESIS = "0".repeat(64);

  private ChainHashes() {}

  public static String hash(AuditRow r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + r.details().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      text(out, "drawbridge-audit-v1");
      text(out, r.gatewayId());
      text(out, Long.toString(r.seq()));
      text(out, r.occurredAt().toString());
      text(out, r.type());
      text(out, r.actor());
      text(out, r.sessionId());
      text(out, r.database());
      text(out, r.decision());
      text(out, r.rule());
      List<String> tables = r.tables();
      out.writeInt(tables.size());
      for (String t : tables) {
        text(out, t);
      }
      text(out, r.details());
      text(out, r.prevHash());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

package dev.drawbridge.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A local file of events that could not reach the store, one JSON object a line, appended and
 * forced to disk a batch at a time. A side file ({@code <spool>.done}) counts the lines already
 * replayed, so a restart during replay goes on where it stopped (a crash between a stored batch and
 * its count may replay that batch twice: at least once, never lost). Used by the writer thread
 * only.
 */
final class AuditSpool {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Path doneFile;
  private long lines;
  private long done;

  AuditSpool(Path file) {
    this.file = file;
    this.doneFile = file.resolveSibling(file.getFileName() + ".done");
    try {
      this.lines = Files.exists(file) ? countLines(file) : 0;
      this.done = Files.exists(doneFile) ? Long.parseLong(Files.readString(doneFile).strip()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit spool " + file, e);
    }
  }

  /** Events waiting to be replayed. */
  long backlog() {
    return lines - done;
  }

  void append(List<AuditEvent> events) {
    StringBuilder text = new StringBuilder();
    for (AuditEvent e : events) {
      text.append(encode(e)).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (FileChannel ch =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit spool " + file, e);
    }
    lines += events.size();
  }

  /** Up to {@code max} of the oldest events not yet replayed. */
  List<AuditEvent> next(int max) {
    List<AuditEvent> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long skip = done;
      String line;
      while ((line = r.readLine()) != null && out.size() < max) {
        if (skip > 0) {
          skip--;
          continue;
        }
        out.add(decode(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit spool " + file, e);
    }
    return out;
  }

  /** The oldest {@code n} events are stored; once all are, the spool is removed. */
  void replayed(int n) {
    done += n;
    try {
      if (done >= lines) {
        Files.deleteIfExists(file);
        Files.deleteIfExists(doneFile);
        done = 0;
        lines = 0;
      } else {
        Files.writeString(doneFile, Long.toString(done));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the audit spool " + file, e);
    }
  }

  private static long countLines(Path f) throws IOException {
    try (var s = Files.lines(f, StandardCharsets.UTF_8)) {
      return s.count();
    }
  }

  static String encode(AuditEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("at", e.at().toString());
    n.put("type", e.type());
    n.put("actor", e.actor());
    n.put("session", e.sessionId());
    n.put("database", e.database());
    n.put("decision", e.decision());
    n.put("rule", e.rule());
    var tables = n.putArray("tables");
    e.tables().forEach(tables::add);
    ObjectNode details = n.putObject("details");
    e.details().forEach(details::put);
    return n.toString();
  }

  static AuditEvent decode(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      List<String> tables = new ArrayList<>();
      n.get("tables").forEach(t -> tables.add(t.asText()));
      TreeMap<String, String> details = new TreeMap<>();
      n.get("details").properties().forEach(p -> details.put(p.getKey(), p.getValue().asText()));
      return new AuditEvent(
          Instant.parse(n.get("at").asText()),
          n.get("type").asText(),
          n.get("actor").asText(),
          text(n, "session"),
          text(n, "database"),
          text(n, "decision"),
          text(n, "rule"),
          tables,
          details);
    } catch (IOException e) {
      throw new UncheckedIOException("a damaged line in the audit spool", e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}

package dev.drawbridge.policy.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the statement corpora under {@code src/test/resources/ddl/}. */
final class Corpus {
  private Corpus() {}

  /** Statements of a corpus file: one per line, '#' lines and blank lines skipped. */
  static List<String> statements(String name) {
    List<String> out = new ArrayList<>();
    for (String line : lines(name)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }

  static List<String> lines(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream("/ddl/" + name)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.drawbridge.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the chain heads to a file (atomically: a temporary file, then a rename), so that a copy
 * kept elsewhere makes a deleted tail detectable ({@code drawbridge audit verify --head ...}).
 */
final class HeadExport implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(HeadExport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditVerifier verifier;
  private final Path file;
  private final Clock clock;

  HeadExport(AuditVerifier verifier, Path file, Clock clock) {
    this.verifier = verifier;
    this.file = file;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      List<Map<String, Object>> heads = new ArrayList<>();
      verifier.heads().forEach(h -> heads.add(AuditApi.head(h)));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("exported_at", clock.instant().toString());
      doc.put("heads", heads);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      log.warn("could not export the audit chain heads to {}: {}", file, e.getMessage());
    }
  }
}

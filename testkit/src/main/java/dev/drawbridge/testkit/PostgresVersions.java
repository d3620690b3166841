package dev.drawbridge.testkit;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL servers of several major versions (10, 11, 12, 14, 15, 16, 17) for tests of
 * version-dependent behaviour. Each version starts on first use and lives until the end of the test
 * run. Tests receive this object as a parameter from {@link PostgresExtension}.
 */
public final class PostgresVersions implements AutoCloseable {

  private static final String BINARY_ENTRY = "postgres-linux-x86_64.txz";

  private final Path binariesDirectory;
  private final Map<Integer, EmbeddedTestPostgres> running = new HashMap<>();

  PostgresVersions(Path binariesDirectory) {
    this.binariesDirectory = binariesDirectory;
  }

  /** Finds the binaries the build copied (see testkit/pom.xml). */
  static PostgresVersions fromBuild() {
    Properties props = new Properties();
    try (InputStream in = PostgresVersions.class.getResourceAsStream("pg-binaries.properties")) {
      if (in == null) {
        throw new IllegalStateException("pg-binaries.properties missing from the testkit jar");
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PostgresVersions(Path.of(props.getProperty("dir")));
  }

  /** Major versions whose binaries are present, in ascending order. */
  public List<Integer> available() {
    List<Integer> versions = new ArrayList<>();
    for (int major : new int[] {10, 11, 12, 14, 15, 16, 17}) {
      if (Files.isRegularFile(jarOf(major))) {
        versions.add(major);
      }
    }
    return versions;
  }

  /**
   * The running server of this major version, started on first use.
   *
   * @throws IllegalArgumentException when no binaries exist for it
   */
  public synchronized TestPostgres get(int major) {
    EmbeddedTestPostgres pg = running.get(major);
    if (pg == null) {
      Path jar = jarOf(major);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException(
            "no PostgreSQL " + major + " binaries at " + jar + "; available: " + available());
      }
      pg = EmbeddedTestPostgres.start(resolverFor(jar));
      running.put(major, pg);
    }
    return pg;
  }

  private Path jarOf(int major) {
    return binariesDirectory.resolve("postgres-" + major + ".jar");
  }

  private static PgBinaryResolver resolverFor(Path jar) {
    return (system, machineHardware) -> {
      ZipFile zip = new ZipFile(jar.toFile());
      var entry = zip.getEntry(BINARY_ENTRY);
      if (entry == null) {
        zip.close();
        throw new IOException(jar + " holds no " + BINARY_ENTRY);
      }
      InputStream in = zip.getInputStream(entry);
      return new java.io.FilterInputStream(in) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      };
    };
  }

  @Override
  public synchronized void close() {
    running.values().forEach(EmbeddedTestPostgres::close);
    running.clear();
  }
}

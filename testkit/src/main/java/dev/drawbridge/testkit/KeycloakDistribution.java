package dev.drawbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak server distribution the build downloaded from Maven Central (testkit/pom.xml copies
 * {@code org.keycloak:keycloak-quarkus-dist} into {@code testkit/target}), unpacked once into
 * {@code ~/.cache/drawbridge/keycloak-VERSION} so that it (and Keycloak's build step) survives
 * {@code mvn clean}. A file lock keeps concurrent test runs from unpacking at the same time.
 */
record KeycloakDistribution(String version, Path home) {

  /** Where the cache lives; override with {@code DRAWBRIDGE_TEST_KEYCLOAK_CACHE}. */
  static final String CACHE_VARIABLE = "DRAWBRIDGE_TEST_KEYCLOAK_CACHE";

  private static final String MARKER = ".drawbridge-unpacked";

  /** Unpacks the distribution if needed and returns it. */
  static KeycloakDistribution fromBuild() {
    Properties p = new Properties();
    try (InputStream in =
        KeycloakDistribution.class.getResourceAsStream("keycloak/keycloak.properties")) {
      if (in == null) {
        throw new IllegalStateException("keycloak.properties is missing; rebuild the testkit");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = p.getProperty("version");
    Path zip = Path.of(p.getProperty("dist.zip"));
    String cacheRoot = System.getenv(CACHE_VARIABLE);
    Path cache =
        cacheRoot != null && !cacheRoot.isBlank()
            ? Path.of(cacheRoot)
            : Path.of(System.getProperty("user.home"), ".cache", "drawbridge");
    return unpack(version, zip, cache);
  }

  static KeycloakDistribution unpack(String version, Path zip, Path cache) {
    Path home = cache.resolve("keycloak-" + version);
    try {
      Files.createDirectories(cache);
      try (FileChannel lockFile =
              FileChannel.open(
                  cache.resolve("keycloak-" + version + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (Files.exists(home.resolve(MARKER))) {
          return new KeycloakDistribution(version, home);
        }
        if (!Files.isRegularFile(zip)) {
          throw new IllegalStateException(
              "The Keycloak distribution "
                  + zip
                  + " is missing: build the testkit module first (./mvnw -pl testkit"
                  + " generate-resources), which downloads org.keycloak:keycloak-quarkus-dist "
                  + version
                  + " from Maven Central.");
        }
        Path partial = Files.createTempDirectory(cache, "keycloak-unpacking-");
        extract(zip, partial);
        Path top = partial.resolve("keycloak-" + version);
        if (!Files.isDirectory(top)) {
          throw new IllegalStateException(zip + " does not contain keycloak-" + version + "/");
        }
        for (String script : new String[] {"kc.sh", "kcadm.sh"}) {
          top.resolve("bin").resolve(script).toFile().setExecutable(true);
        }
        Files.writeString(top.resolve(MARKER), version);
        deleteTree(home);
        Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(partial);
        return new KeycloakDistribution(version, home);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack Keycloak into " + home, e);
    }
  }

  private static void extract(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside the target directory: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

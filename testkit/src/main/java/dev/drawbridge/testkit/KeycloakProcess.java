package dev.drawbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Keycloak server started as a process ({@code kc.sh start-dev}) on free loopback ports with an
 * in-memory database and the test realm imported, and stopped (with its JVM) on {@link #close()} or
 * at JVM exit.
 */
final class KeycloakProcess implements AutoCloseable {

  /**
   * How long startup may take; override with {@code DRAWBRIDGE_TEST_KEYCLOAK_TIMEOUT} (seconds).
   */
  static final String TIMEOUT_VARIABLE = "DRAWBRIDGE_TEST_KEYCLOAK_TIMEOUT";

  /** A JDK for Keycloak (21 or newer); by default the one running the tests. */
  static final String JAVA_HOME_VARIABLE = "DRAWBRIDGE_TEST_KEYCLOAK_JAVA_HOME";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

  private final Process process;
  private final Path log;
  private final TestKeycloak keycloak;
  private final Duration startup;
  private final Thread shutdownHook;

  private KeycloakProcess(Process process, Path log, TestKeycloak keycloak, Duration startup) {
    this.process = process;
    this.log = log;
    this.keycloak = keycloak;
    this.startup = startup;
    this.shutdownHook = new Thread(this::stop, "keycloak-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  TestKeycloak keycloak() {
    return keycloak;
  }

  /** How long the start took (logged; the README quotes it). */
  Duration startup() {
    return startup;
  }

  static KeycloakProcess start(KeycloakDistribution dist, Map<String, String> env) {
    long begin = System.nanoTime();
    Path realm = installRealm(dist.home());
    int httpPort = freePort();
    int managementPort = freePort();
    String base = "http://127.0.0.1:" + httpPort;
    Path log;
    try {
      log = Files.createTempFile("drawbridge-keycloak-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(dist.home().resolve("bin/kc.sh").toString());
    command.add("start-dev");
    command.add("--db=dev-mem");
    command.add("--import-realm");
    command.add("--http-host=127.0.0.1");
    command.add("--http-port=" + httpPort);
    command.add("--http-management-port=" + managementPort);
    command.add("--hostname=" + base);
    command.add("--cache=local");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    String javaHome = env.get(JAVA_HOME_VARIABLE);
    pb.environment()
        .put("JAVA_HOME", javaHome != null ? javaHome : System.getProperty("java.home"));
    pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", TestKeycloak.ADMIN_USER);
    pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", TestKeycloak.ADMIN_PASSWORD);
    pb.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    String timeoutSetting = env.get(TIMEOUT_VARIABLE);
    Duration timeout =
        timeoutSetting != null
            ? Duration.ofSeconds(Long.parseLong(timeoutSetting))
            : DEFAULT_TIMEOUT;
    TestKeycloak keycloak = new TestKeycloak(URI.create(base));
    try {
      awaitRealm(process, keycloak, timeout, log, realm);
    } catch (RuntimeException e) {
      destroy(process);
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - begin);
    System.err.println(
        "[testkit] Keycloak "
            + dist.version()
            + " ready at "
            + base
            + " in "
            + took.toSeconds()
            + " s (log: "
            + log
            + ")");
    return new KeycloakProcess(process, log, keycloak, took);
  }

  /** Puts the test realm where {@code --import-realm} reads it (same content for every run). */
  private static Path installRealm(Path home) {
    Path dir = home.resolve("data/import");
    Path target = dir.resolve("drawbridge-realm.json");
    try (InputStream in =
        KeycloakProcess.class.getResourceAsStream("keycloak/drawbridge-realm.json")) {
      if (in == null) {
        throw new IllegalStateException("drawbridge-realm.json is missing from the testkit");
      }
      byte[] realm = in.readAllBytes();
      Files.createDirectories(dir);
      if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), realm)) {
        Path tmp = Files.createTempFile(dir, "realm-", ".tmp");
        Files.write(tmp, realm);
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitRealm(
      Process process, TestKeycloak keycloak, Duration timeout, Path log, Path realm) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI wellKnown = URI.create(keycloak.issuer() + "/.well-known/openid-configuration");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with status "
                + process.exitValue()
                + " during startup (realm "
                + realm
                + "). Last lines of "
                + log
                + ":\n"
                + tail(log));
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
    }
    throw new IllegalStateException(
        "Keycloak did not serve "
            + wellKnown
            + " within "
            + timeout.toSeconds()
            + " s (raise "
            + TIMEOUT_VARIABLE
            + " on a slow machine). Last lines of "
            + log
            + ":\n"
            + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read the log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stop() {
    destroy(process);
  }

  /** Stops kc.sh and the Keycloak JVM it started. */
  private static void destroy(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    for (ProcessHandle child : children) {
      child.onExit().completeOnTimeout(child, 20, java.util.concurrent.TimeUnit.SECONDS).join();
      child.destroyForcibly();
    }
    process.destroyForcibly();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is exiting; the hook runs anyway
    }
  }

  Path log() {
    return log;
  }
}

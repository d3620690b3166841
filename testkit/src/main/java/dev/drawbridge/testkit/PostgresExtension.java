package dev.drawbridge.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestPostgres} and {@link PostgresVersions} parameters. The server is started once
 * per test run (per JVM) and kept in the root extension store, which closes it when the run ends.
 *
 * <p>Which server: {@code DRAWBRIDGE_TEST_PG_URL} (for example {@code
 * postgresql://postgres:pw@127.0.0.1:5432/test}) points at an external server; {@code
 * DRAWBRIDGE_TEST_PG=testcontainers} starts one in Docker (where a Docker engine runs); otherwise
 * an embedded PostgreSQL (zonky binaries from Maven Central) is started in a temporary directory.
 */
public final class PostgresExtension implements ParameterResolver {

  static final String URL_VARIABLE = "DRAWBRIDGE_TEST_PG_URL";
  static final String KIND_VARIABLE = "DRAWBRIDGE_TEST_PG";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestPostgres.class || type == PostgresVersions.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    if (parameter.getParameter().getType() == PostgresVersions.class) {
      return store.computeIfAbsent(
          PostgresVersions.class.getName(),
          key -> PostgresVersions.fromBuild(),
          PostgresVersions.class);
    }
    try {
      return store.computeIfAbsent(
          PostgresExtension.class.getName(),
          key -> start(System.getenv(URL_VARIABLE), System.getenv(KIND_VARIABLE)),
          ServerHandle.class);
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("Could not start the test PostgreSQL server", e);
    }
  }

  private static ServerHandle start(String externalUrl, String kind) {
    if (externalUrl != null && !externalUrl.isBlank()) {
      return new ExternalPostgres(externalUrl);
    }
    if ("testcontainers".equalsIgnoreCase(kind)) {
      return ContainerPostgres.start(System.getenv(ContainerPostgres.IMAGE_VARIABLE));
    }
    if (kind != null && !kind.isBlank() && !"embedded".equalsIgnoreCase(kind)) {
      throw new IllegalArgumentException(
          KIND_VARIABLE + " must be embedded or testcontainers, not " + kind);
    }
    return EmbeddedTestPostgres.start();
  }

  /** A server that the root store closes at the end of the run. */
  interface ServerHandle extends TestPostgres, AutoCloseable {
    @Override
    void close();
  }
}

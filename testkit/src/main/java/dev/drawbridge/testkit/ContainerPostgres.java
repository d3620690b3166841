package dev.drawbridge.testkit;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL in a Docker container through Testcontainers, chosen with {@code
 * DRAWBRIDGE_TEST_PG=testcontainers} on machines with a Docker engine. The image defaults to {@code
 * postgres:17} and can be changed with {@code DRAWBRIDGE_TEST_PG_IMAGE}. Password roles are not
 * created: tests that need them skip themselves.
 */
final class ContainerPostgres implements PostgresExtension.ServerHandle {

  static final String IMAGE_VARIABLE = "DRAWBRIDGE_TEST_PG_IMAGE";

  private final PostgreSQLContainer container;
  private final ExternalPostgres view;

  private ContainerPostgres(PostgreSQLContainer container) {
    this.container = container;
    this.view =
        new ExternalPostgres(
            "postgresql://"
                + container.getUsername()
                + ":"
                + container.getPassword()
                + "@"
                + container.getHost()
                + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/"
                + container.getDatabaseName());
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static ContainerPostgres start(String image) {
    if (!dockerAvailable()) {
      throw new IllegalStateException(
          "DRAWBRIDGE_TEST_PG=testcontainers needs a Docker engine, and none answers here");
    }
    @SuppressWarnings("resource") // closed by close()
    PostgreSQLContainer container =
        new PostgreSQLContainer(image == null || image.isBlank() ? "postgres:17" : image);
    container.start();
    return new ContainerPostgres(container);
  }

  @Override
  public String host() {
    return view.host();
  }

  @Override
  public int port() {
    return view.port();
  }

  @Override
  public String database() {
    return view.database();
  }

  @Override
  public String superuser() {
    return view.superuser();
  }

  @Override
  public String superuserPassword() {
    return view.superuserPassword();
  }

  @Override
  public int majorVersion() {
    return view.majorVersion();
  }

  @Override
  public Optional<String> roleFor(PasswordRole method) {
    return view.roleFor(method);
  }

  @Override
  public void close() {
    container.close();
  }
}

package dev.drawbridge.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestKeycloak} parameters. One Keycloak (the version in the parent POM's {@code
 * keycloak.version}, from Maven Central) is started per test run (per JVM), shared by every test,
 * and stopped when the run ends or the JVM exits. Startup takes 30 s to a few minutes on a busy
 * 2-core machine; {@code DRAWBRIDGE_TEST_KEYCLOAK_TIMEOUT} (seconds, default 600) bounds it.
 */
public final class KeycloakExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestKeycloak.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    Startup startup =
        store.computeIfAbsent(
            KeycloakExtension.class.getName(), key -> Startup.attempt(), Startup.class);
    if (startup.failure() != null) {
      throw new ParameterResolutionException(
          "Could not start the test Keycloak: " + startup.failure().getMessage(),
          startup.failure());
    }
    return startup.server().keycloak();
  }

  /**
   * The one start attempt of the run, remembered also when it failed, so that a Keycloak that
   * cannot start fails every test at once instead of being started again for each.
   */
  record Startup(KeycloakProcess server, RuntimeException failure) implements AutoCloseable {

    static Startup attempt() {
      try {
        return new Startup(
            KeycloakProcess.start(KeycloakDistribution.fromBuild(), System.getenv()), null);
      } catch (RuntimeException e) {
        return new Startup(null, e);
      }
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}

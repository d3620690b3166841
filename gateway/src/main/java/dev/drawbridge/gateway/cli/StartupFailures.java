package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.config.ConfigException;
import dev.drawbridge.gateway.config.GatewayConfig;
import java.net.BindException;

/** Turns a failure to start into a message that says what to do. */
final class StartupFailures {

  private StartupFailures() {}

  static RuntimeException explain(RuntimeException e, GatewayConfig config) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return new ConfigException(
            "Cannot listen on "
                + config.proxy().listen().getHostString()
                + ":"
                + config.proxy().listen().getPort()
                + (config.admin().isPresent() ? " or " + config.admin().get() : "")
                + ": "
                + t.getMessage()
                + ". Another program (maybe another Drawbridge or a PgBouncer) uses the port;"
                + " stop it or choose another with --listen / --admin.");
      }
    }
    return e;
  }
}

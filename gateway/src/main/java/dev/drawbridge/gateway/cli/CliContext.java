package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.config.PasswordVerifiers;
import dev.drawbridge.gateway.runtime.GateFactory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the commands need from the outside world, injected so that tests can run them in-process.
 *
 * @param environment environment variable lookup (null when unset)
 * @param out standard output
 * @param err standard error
 * @param verifiers turns plaintext passwords into SCRAM verifiers
 * @param gates makes the statement gate of a new gateway
 * @param clock the time source handed to the proxy
 * @param shutdownHooks where SIGTERM / Ctrl-C handling is registered
 */
public record CliContext(
    Function<String, String> environment,
    PrintWriter out,
    PrintWriter err,
    PasswordVerifiers verifiers,
    GateFactory gates,
    Clock clock,
    ShutdownHooks shutdownHooks) {

  public CliContext {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(verifiers, "verifiers");
    Objects.requireNonNull(gates, "gates");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(shutdownHooks, "shutdownHooks");
  }
}

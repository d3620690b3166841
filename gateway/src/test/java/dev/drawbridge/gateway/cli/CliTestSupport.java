package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.runtime.GateFactory;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import dev.drawbridge.proxy.gate.RecordingStatementGate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with captured output. */
final class CliTestSupport {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<Runnable> shutdownHooks = new ArrayList<>();
  final Cli cli;

  CliTestSupport(Map<String, String> environment) {
    this(
        environment,
        (config, desk, meters, clock) -> new RecordingStatementGate(meters, clock),
        Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
  }

  /** With the real policy gate (or another) and the real clock (or another). */
  CliTestSupport(Map<String, String> environment, GateFactory gates, Clock clock) {
    cli =
        new Cli(
            new CliContext(
                environment::get,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                ScramVerifiers::create,
                gates,
                clock,
                shutdownHooks::add));
  }

  CliTestSupport() {
    this(Map.of());
  }

  int run(String... args) {
    return cli.execute(args);
  }
}

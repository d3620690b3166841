package dev.drawbridge.gateway;

import dev.drawbridge.gateway.cli.Cli;
import dev.drawbridge.gateway.cli.CliContext;
import dev.drawbridge.gateway.cli.ShutdownHooks;
import dev.drawbridge.gateway.enforce.PolicyGateFactory;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;

/** Entry point of the {@code drawbridge} command: wires the real world into the command line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Charset console = Charset.defaultCharset();
    CliContext context =
        new CliContext(
            System::getenv,
            new PrintWriter(System.out, true, console),
            new PrintWriter(System.err, true, console),
            ScramVerifiers::create,
            new PolicyGateFactory(),
            Clock.systemUTC(),
            ShutdownHooks.jvm());
    System.exit(new Cli(context).execute(args));
  }
}

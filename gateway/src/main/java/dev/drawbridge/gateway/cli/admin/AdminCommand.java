package dev.drawbridge.gateway.cli.admin;

import dev.drawbridge.gateway.cli.CliContext;
import dev.drawbridge.gateway.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * An admin API call from the shell. Exit status: 0 done; 1 the API refused (the message says why)
 * or could not be reached; 2 usage error.
 */
abstract class AdminCommand implements Callable<Integer> {

  @Mixin AdminOptions options;
  @Spec CommandSpec spec;

  final CliContext context;

  AdminCommand(CliContext context) {
    this.context = context;
  }

  /** The exit status once {@link #run} returned normally: 0 unless the command says otherwise. */
  int exitCode() {
    return ExitCodes.OK;
  }

  /** Does the call and prints the outcome. */
  abstract void run(AdminClient client, PrintWriter out);

  @Override
  public final Integer call() {
    AdminClient client = options.client(context.environment(), spec.commandLine());
    PrintWriter out = context.out();
    try {
      run(client, out);
      out.flush();
      return exitCode();
    } catch (AdminClient.Refused e) {
      context.err().println("drawbridge: refused (" + e.status + "): " + e.getMessage());
    } catch (AdminClient.Unreachable e) {
      context.err().println("drawbridge: " + e.getMessage());
    }
    context.err().flush();
    return ExitCodes.RUNTIME_FAILURE;
  }
}

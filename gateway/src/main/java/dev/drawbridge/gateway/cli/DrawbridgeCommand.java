package dev.drawbridge.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code drawbridge} command; on its own it explains which commands exist. */
@Command(
    name = "drawbridge",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = VersionProvider.class,
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      dev.drawbridge.gateway.plan.PlanCommand.class,
      LoginCommand.class,
      dev.drawbridge.gateway.cli.admin.RequestsCommand.class,
      dev.drawbridge.gateway.cli.admin.ApproveCommand.class,
      dev.drawbridge.gateway.cli.admin.DenyCommand.class,
      dev.drawbridge.gateway.cli.admin.GrantsCommand.class,
      dev.drawbridge.gateway.cli.admin.ElevateCommand.class,
      dev.drawbridge.gateway.cli.admin.SessionsCommand.class,
      dev.drawbridge.gateway.cli.admin.ApplyCommand.class,
      dev.drawbridge.gateway.cli.admin.RolloutsCommand.class,
      dev.drawbridge.gateway.cli.admin.AuditCommand.class,
      CommandLine.HelpCommand.class
    },
    description = {
      "A PostgreSQL gateway: clients connect to it instead of the database; it understands every"
          + " statement, blocks unsafe schema changes and grants time-limited access for approved"
          + " ones.",
      ""
    },
    footer = {
      "",
      "Start with:  drawbridge demo          (no setup; embedded PostgreSQL with sample data)",
      "Then:        drawbridge serve --help  (run it in front of your own PostgreSQL)",
      "",
      "Exit status: 0 ok, 1 runtime failure, 2 usage or configuration error."
    })
public final class DrawbridgeCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    cli.getErr().println("drawbridge: name a command to run, for example 'drawbridge demo'.");
    cli.getErr().println();
    cli.usage(cli.getErr());
    return ExitCodes.USAGE;
  }
}

package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.config.ConfigException;
import java.util.List;
import picocli.CommandLine;

/**
 * Builds the {@code drawbridge} command line with its commands, converters and error handling.
 * Usage and configuration errors print what was wrong and how to get help, and exit 2; other
 * failures print the cause and exit 1.
 */
public final class Cli {

  private final CommandLine commandLine;

  public Cli(CliContext context) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == ServeCommand.class) {
              return type.cast(new ServeCommand(context));
            }
            if (type == DemoCommand.class) {
              return type.cast(new DemoCommand(context));
            }
            if (type == LoginCommand.class) {
              return type.cast(new LoginCommand(context));
            }
            try {
              // the admin commands take the context too
              return type.cast(type.getConstructor(CliContext.class).newInstance(context));
            } catch (NoSuchMethodException e) {
              return defaults.create(type);
            }
          }
        };
    commandLine = new CommandLine(new DrawbridgeCommand(), factory);
    Converters.registerAll(commandLine);
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setParameterExceptionHandler(Cli::usageError);
    commandLine.setExecutionExceptionHandler(Cli::executionError);
  }

  /** The picocli model, for tests that check the help texts. */
  public CommandLine commandLine() {
    return commandLine;
  }

  /** Runs the command line and returns the exit status. */
  public int execute(String... args) {
    return commandLine.execute(args);
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    var err = cli.getErr();
    err.println("drawbridge: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' to see every option.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int executionError(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    var err = cli.getErr();
    if (e instanceof ConfigException c) {
      List<String> problems = c.problems();
      if (problems.size() == 1) {
        err.println("drawbridge: " + problems.get(0));
      } else {
        err.println("drawbridge: the configuration has " + problems.size() + " problems:");
        problems.forEach(p -> err.println("  - " + p));
      }
      err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' to see every option.");
      err.flush();
      return ExitCodes.USAGE;
    }
    err.println("drawbridge: " + cli.getCommandSpec().name() + " failed: " + describe(e));
    err.flush();
    return ExitCodes.RUNTIME_FAILURE;
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
        sb.append("\n  caused by: ").append(c.getMessage());
      }
    }
    return sb.toString();
  }
}

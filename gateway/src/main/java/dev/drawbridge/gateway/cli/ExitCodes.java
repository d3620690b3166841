package dev.drawbridge.gateway.cli;

/** Exit statuses of the {@code drawbridge} command. */
public final class ExitCodes {

  /** Finished normally. */
  public static final int OK = 0;

  /** Something failed while running (the upstream went away, a port could not be bound, ...). */
  public static final int RUNTIME_FAILURE = 1;

  /** The command line or the configuration is wrong; nothing was started. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}

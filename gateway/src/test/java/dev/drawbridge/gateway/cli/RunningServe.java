package dev.drawbridge.gateway.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code drawbridge serve} started in-process, with the ports it printed. */
final class RunningServe implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("Drawbridge is listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern ADMIN = Pattern.compile("Admin: http://127\\.0\\.0\\.1:(\\d+)/");

  final CliTestSupport cli;
  final CompletableFuture<Integer> status;
  final int port;
  final int adminPort;

  /** Starts {@code serve} with these arguments and waits until it listens. */
  RunningServe(String... args) throws Exception {
    this(new CliTestSupport(), args);
  }

  /** Starts {@code serve} through this command line (with the real policy gate, say). */
  RunningServe(CliTestSupport cli, String... args) throws Exception {
    this.cli = cli;
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    status = CompletableFuture.supplyAsync(() -> cli.run(all));
    Matcher listening = null;
    for (int i = 0; i < 300 && !status.isDone(); i++) {
      listening = LISTENING.matcher(cli.out.toString());
      if (listening.find() && cli.out.toString().contains("Press Ctrl-C")) {
        break;
      }
      listening = null;
      Thread.sleep(50);
    }
    if (listening == null) {
      int code = status.get(30, TimeUnit.SECONDS);
      throw new AssertionError("serve exited with " + code + ":\n" + cli.err);
    }
    port = Integer.parseInt(listening.group(1));
    Matcher admin = ADMIN.matcher(cli.out.toString());
    adminPort = admin.find() ? Integer.parseInt(admin.group(1)) : -1;
  }

  /** Runs the shutdown hook (what SIGTERM runs) and returns the exit status. */
  int stop() throws Exception {
    cli.shutdownHooks.get(0).run();
    return status.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (!status.isDone()) {
      stop();
    }
  }
}

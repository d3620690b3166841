package dev.drawbridge.gateway.cli;

/** Where a command registers what must run on SIGTERM or Ctrl-C. */
@FunctionalInterface
public interface ShutdownHooks {

  void register(Runnable hook);

  /** The JVM's own shutdown hooks. */
  static ShutdownHooks jvm() {
    return hook -> Runtime.getRuntime().addShutdownHook(new Thread(hook, "drawbridge-shutdown"));
  }
}

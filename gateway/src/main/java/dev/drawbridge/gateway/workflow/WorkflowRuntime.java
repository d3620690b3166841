package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.store.StoreSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The workflow of a running gateway: the state store (migrated at start), the {@link
 * ApprovalWorkflow} over it and the {@link Sweeper} on its own thread. {@link #close()} stops the
 * sweeper and closes the pool.
 */
public final class WorkflowRuntime implements AutoCloseable {

  private final StateStore store;
  private final ApprovalWorkflow workflow;
  private final WorkflowSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private Sweeper sweeper;

  private WorkflowRuntime(
      StateStore store,
      ApprovalWorkflow workflow,
      WorkflowSettings settings,
      Clock clock,
      ScheduledExecutorService scheduler) {
    this.store = store;
    this.workflow = workflow;
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * Opens and migrates the store and starts sweeping.
   *
   * @throws dev.drawbridge.gateway.store.StoreUnavailableException when the store cannot be reached
   *     or migrated
   */
  public static WorkflowRuntime start(
      StoreSettings storeSettings, WorkflowSettings settings, Clock clock) {
    WorkflowRuntime runtime = open(storeSettings, settings, clock);
    runtime.startSweeping(swept -> {});
    return runtime;
  }

  /**
   * Opens and migrates the store; sweeping starts with {@link #startSweeping} (once whoever records
   * what the sweeper expires is ready).
   *
   * @throws dev.drawbridge.gateway.store.StoreUnavailableException when the store cannot be reached
   *     or migrated
   */
  public static WorkflowRuntime open(
      StoreSettings storeSettings, WorkflowSettings settings, Clock clock) {
    StateStore store = StateStore.open(storeSettings);
    ApprovalWorkflow workflow =
        new ApprovalWorkflow(store, settings, clock, new RequestIds(new SecureRandom()));
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("drawbridge-sweeper").daemon().factory());
    return new WorkflowRuntime(store, workflow, settings, clock, scheduler);
  }

  /** Sweeps now and every {@code workflow.sweep-interval}, telling {@code onSwept} what expired. */
  public synchronized void startSweeping(Consumer<Sweeper.Swept> onSwept) {
    if (sweeper != null) {
      throw new IllegalStateException("the sweeper is already running");
    }
    sweeper = new Sweeper(store, clock, onSwept);
    sweeper.start(scheduler, settings.sweepInterval());
  }

  /** Requests, approvals and grants; also the gate's {@link ChangeDesk}. */
  public ApprovalWorkflow workflow() {
    return workflow;
  }

  /** The state store, for the other parts of the gateway that keep state in it. */
  public StateStore store() {
    return store;
  }

  @Override
  public synchronized void close() {
    if (sweeper != null) {
      sweeper.close();
    }
    scheduler.shutdownNow();
    store.close();
  }
}

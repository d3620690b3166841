package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.store.StoreSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The workflow of a running gateway: the state store (migrated at start), the {@link
 * ApprovalWorkflow} over it and the {@link Sweeper} on its own thread. {@link #close()} stops the
 * sweeper and closes the pool.
 */
public final class WorkflowRuntime implements AutoCloseable {

  private final StateStore store;
  private final ApprovalWorkflow workflow;
  private final Sweeper sweeper;
  private final ScheduledExecutorService scheduler;

  private WorkflowRuntime(
      StateStore store,
      ApprovalWorkflow workflow,
      Sweeper sweeper,
      ScheduledExecutorService scheduler) {
    this.store = store;
    this.workflow = workflow;
    this.sweeper = sweeper;
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
    StateStore store = StateStore.open(storeSettings);
    ApprovalWorkflow workflow =
        new ApprovalWorkflow(store, settings, clock, new RequestIds(new SecureRandom()));
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("drawbridge-sweeper").daemon().factory());
    Sweeper sweeper = new Sweeper(store, clock);
    sweeper.start(scheduler, settings.sweepInterval());
    return new WorkflowRuntime(store, workflow, sweeper, scheduler);
  }

  /** Requests, approvals and grants; also the gate's {@link ChangeDesk}. */
  public ApprovalWorkflow workflow() {
    return workflow;
  }

  /** The state store (the audit trail lives there too). */
  public StateStore store() {
    return store;
  }

  @Override
  public void close() {
    sweeper.close();
    scheduler.shutdownNow();
    store.close();
  }
}

package dev.drawbridge.gateway.audit;

import dev.drawbridge.admin.api.Route;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.Sweeper;
import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit trail of a running gateway: the log and its writer, the chain-head export, and the
 * decorators that record the gate, the change desk and the admin API. {@link #close()} writes what
 * is queued and stops.
 */
public final class AuditRuntime implements AutoCloseable {

  private final QueuedAuditLog log;
  private final StateStoreAudit store;
  private final Clock clock;
  private final String runId;
  private final ScheduledExecutorService scheduler;
  private final StatementMeters statementMeters;
  private final WorkflowMeters workflowMeters;

  private AuditRuntime(
      QueuedAuditLog log,
      StateStoreAudit store,
      Clock clock,
      ScheduledExecutorService scheduler,
      MeterRegistry meters) {
    this.log = log;
    this.statementMeters = new StatementMeters(meters);
    this.workflowMeters = new WorkflowMeters(meters);
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
    byte[] id = new byte[4];
    new SecureRandom().nextBytes(id);
    this.runId = HexFormat.of().formatHex(id);
  }

  public static AuditRuntime start(
      StateStore stateStore, AuditSettings settings, MeterRegistry meters, Clock clock) {
    StateStoreAudit store = new StateStoreAudit(stateStore);
    QueuedAuditLog log = QueuedAuditLog.start(store, settings, meters, clock);
    ScheduledExecutorService scheduler = null;
    if (settings.headFile().isPresent()) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("drawbridge-audit-head").daemon().factory());
      long every = settings.headInterval().toMillis();
      scheduler.scheduleWithFixedDelay(
          new HeadExport(new AuditVerifier(store), settings.headFile().get(), clock),
          every,
          every,
          TimeUnit.MILLISECONDS);
    }
    stateStore.bindMetrics(meters);
    AuditRuntime runtime = new AuditRuntime(log, store, clock, scheduler, meters);
    log.record(
        AuditEvent.of(
            clock.instant(), "gateway.start", "gateway", java.util.Map.of("run", runtime.runId)));
    return runtime;
  }

  /** Records what a sweep expired: grants whose window closed, requests nobody decided on. */
  public void swept(Sweeper.Swept swept) {
    for (String grant : swept.grantsExpired()) {
      log.record(
          AuditEvent.of(clock.instant(), "grant.expired", "gateway", Map.of("grant", grant)));
    }
    for (String request : swept.requestsExpired()) {
      log.record(
          AuditEvent.of(clock.instant(), "request.expired", "gateway", Map.of("request", request)));
    }
  }

  /** Names this run of the gateway; sessions are {@code runId-number} in the trail. */
  public String runId() {
    return runId;
  }

  /** The log other components record into (the rollout executor, say). */
  public AuditLog log() {
    return log;
  }

  public StatementGate gate(StatementGate gate, String authMethod) {
    return new AuditingStatementGate(
        gate, log, runId, authMethod, clock, System::nanoTime, statementMeters);
  }

  public ChangeDesk desk(ChangeDesk desk) {
    return new AuditedChangeDesk(desk, log, clock, workflowMeters);
  }

  /** The admin API's routes with the audit routes added and every change recorded. */
  public List<Route> adminRoutes(List<Route> routes) {
    List<Route> all = new ArrayList<>(new AuditedRoutes(log, clock, workflowMeters).wrap(routes));
    all.addAll(new AuditApi(store).routes());
    return all;
  }

  /** True while the store takes audit writes. */
  public boolean storeUp() {
    return log.storeUp();
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    log.record(
        AuditEvent.of(clock.instant(), "gateway.stop", "gateway", java.util.Map.of("run", runId)));
    log.close();
  }
}

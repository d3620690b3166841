package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.store.AuditRow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that chains and stores this gateway's events. Producers {@link #offer} entries to
 * a bounded queue and never block; the writer drains it in batches, formats each entry (SQL
 * normalization happens here), links the batch to the chain and stores it in one transaction, then
 * completes the entries' futures. During a store outage it spools or keeps entries, as the {@link
 * OutageMode} says, and tries the store again every retry interval; the spool is replayed, in
 * order, before anything newer.
 */
public final class AuditWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

  /**
   * One event waiting to be written.
   *
   * @param source what becomes the event
   * @param done completed once the event is durable, or failed; null when nobody waits
   * @param mustReachStore true for schema changes and privileged operations: never spooled
   */
  record Entry(AuditRecordable source, CompletableFuture<Void> done, boolean mustReachStore) {}

  private final AuditStore store;
  private final AuditSettings settings;
  private final AuditSpool spool;
  private final AuditMetrics metrics;
  private final EventFormatting formatting;
  private final ArrayBlockingQueue<Entry> queue;
  private final ArrayDeque<Entry> retained = new ArrayDeque<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean storeDown;
  private volatile long spoolBacklog;
  private final java.time.Clock clock;
  private AuditChain chain;
  private long nextAttempt;

  AuditWriter(
      AuditStore store, AuditSettings settings, AuditMetrics metrics, java.time.Clock clock) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    this.spool = new AuditSpool(settings.spoolFile());
    this.spoolBacklog = spool.backlog();
    this.formatting = new EventFormatting(settings.redactLiterals());
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.thread = Thread.ofPlatform().name("drawbridge-audit-writer").daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Queues an entry; false when the queue is full or the writer stopped. Never blocks. */
  boolean offer(Entry e) {
    return running && queue.offer(e);
  }

  int depth() {
    return queue.size() + retained.size();
  }

  long spoolBacklog() {
    return spoolBacklog;
  }

  /** True since the last failed write, until a write succeeds. */
  boolean storeDown() {
    return storeDown;
  }

  OutageMode outageMode() {
    return settings.outageMode();
  }

  private void run() {
    List<Entry> batch = new ArrayList<>(settings.batchSize());
    while (running || !queue.isEmpty()) {
      batch.clear();
      try {
        take(batch);
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
        continue;
      }
      if (batch.isEmpty()) {
        if (storeDown || spoolBacklog > 0) {
          writeSafely(batch);
        }
        continue;
      }
      writeSafely(batch);
    }
    drainOnStop();
  }

  private void take(List<Entry> batch) throws InterruptedException {
    while (batch.size() < settings.batchSize() && !retained.isEmpty()) {
      batch.add(retained.poll());
    }
    if (batch.isEmpty()) {
      Entry first =
          queue.poll(storeDown ? settings.retryInterval().toMillis() : 200, TimeUnit.MILLISECONDS);
      if (first == null) {
        return;
      }
      batch.add(first);
    }
    queue.drainTo(batch, settings.batchSize() - batch.size());
  }

  private void writeSafely(List<Entry> batch) {
    List<AuditEvent> events = format(batch);
    if (storeDown && System.nanoTime() - nextAttempt < 0) {
      // between attempts: do not wait for the store's connect timeout again
      outage(batch, events, new AuditUnavailableException("the audit store is away"));
      return;
    }
    try {
      replaySpool();
      if (!batch.isEmpty()) {
        store(events);
      } else if (storeDown) {
        ensureChain(); // probe
      }
      if (storeDown) {
        log.info("the audit store is back");
      }
      storeDown = false;
      for (Entry e : batch) {
        if (e.done() != null) {
          e.done().complete(null);
        }
      }
    } catch (RuntimeException failure) {
      chain = null; // reload the head: a lost commit acknowledgement must not fork the chain
      if (!storeDown) {
        log.error(
            "the audit store is unavailable ({}); mode {}",
            failure.getMessage(),
            settings.outageMode());
      }
      storeDown = true;
      nextAttempt = System.nanoTime() + settings.retryInterval().toNanos();
      outage(batch, events, failure);
      if (batch.isEmpty()) {
        pause();
      }
    }
  }

  private List<AuditEvent> format(List<Entry> batch) {
    List<AuditEvent> events = new ArrayList<>(batch.size());
    for (Entry e : batch) {
      try {
        events.add(e.source().toEvent(formatting));
      } catch (RuntimeException x) {
        log.error("an audit event could not be formatted; recording the failure instead", x);
        events.add(
            AuditEvent.of(
                clock.instant(),
                "audit.capture-failed",
                "gateway",
                java.util.Map.of("error", String.valueOf(x))));
      }
    }
    return events;
  }

  private void ensureChain() {
    if (chain == null) {
      chain = AuditChain.after(settings.gatewayId(), store.last(settings.gatewayId()));
    }
  }

  private void store(List<AuditEvent> events) {
    ensureChain();
    List<AuditRow> rows = chain.link(events);
    long t0 = System.nanoTime();
    store.append(rows);
    chain.advance(rows);
    metrics.written(rows.size(), Duration.ofNanos(System.nanoTime() - t0));
  }

  private void replaySpool() {
    while (spool.backlog() > 0) {
      List<AuditEvent> events = spool.next(settings.batchSize());
      if (events.isEmpty()) {
        break;
      }
      store(events);
      spool.replayed(events.size());
      spoolBacklog = spool.backlog();
      if (spoolBacklog == 0) {
        log.info("the audit spool was replayed into the store");
      }
    }
  }

  /** The store failed for this batch: spool, keep, or refuse each entry. */
  private void outage(List<Entry> batch, List<AuditEvent> events, RuntimeException failure) {
    List<AuditEvent> toSpool = new ArrayList<>();
    List<Entry> spooledEntries = new ArrayList<>();
    List<Entry> keep = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Entry e = batch.get(i);
      if (settings.outageMode() == OutageMode.SPOOL && !e.mustReachStore()) {
        toSpool.add(events.get(i));
        spooledEntries.add(e);
      } else if (e.done() != null) {
        metrics.refused();
        e.done()
            .completeExceptionally(
                new AuditUnavailableException(
                    "the audit store is unavailable: " + failure.getMessage(), failure));
      } else if (retained.size() + keep.size() < settings.queueCapacity()) {
        keep.add(e);
      } else {
        metrics.dropped();
        log.error("audit event lost: the store is away and the retry buffer is full");
      }
    }
    // back in front of what is still retained, in their order: the chain keeps occurrence order
    for (int i = keep.size() - 1; i >= 0; i--) {
      retained.addFirst(keep.get(i));
    }
    if (toSpool.isEmpty()) {
      return;
    }
    try {
      spool.append(toSpool);
      spoolBacklog = spool.backlog();
      metrics.spooled(toSpool.size());
      for (Entry e : spooledEntries) {
        if (e.done() != null) {
          e.done().complete(null);
        }
      }
    } catch (RuntimeException spoolFailure) {
      log.error("the audit spool failed too", spoolFailure);
      for (Entry e : spooledEntries) {
        if (e.done() != null) {
          metrics.refused();
          e.done()
              .completeExceptionally(
                  new AuditUnavailableException("audit spool failed", spoolFailure));
        } else {
          retained.add(e);
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(settings.retryInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stopping: one last attempt; what still cannot be stored goes to the spool. */
  private void drainOnStop() {
    List<Entry> rest = new ArrayList<>(retained);
    retained.clear();
    queue.drainTo(rest);
    if (rest.isEmpty()) {
      return;
    }
    List<AuditEvent> events = format(rest);
    try {
      replaySpool();
      store(events);
      rest.forEach(
          e -> {
            if (e.done() != null) e.done().complete(null);
          });
    } catch (RuntimeException e) {
      log.error(
          "stopping with the audit store away: spooling {} events to {}",
          events.size(),
          settings.spoolFile());
      try {
        spool.append(events);
      } catch (RuntimeException x) {
        log.error("{} audit events are lost", events.size(), x);
      }
      rest.forEach(
          en -> {
            if (en.done() != null) {
              en.done()
                  .completeExceptionally(new AuditUnavailableException("the gateway is stopping"));
            }
          });
    }
  }

  /** Stops after writing what is queued (waits up to 10 seconds). */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

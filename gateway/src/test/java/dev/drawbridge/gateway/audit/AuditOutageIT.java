package dev.drawbridge.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drawbridge.gateway.store.AuditFilter;
import dev.drawbridge.gateway.store.AuditRow;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class AuditOutageIT {

  @TempDir Path dir;

  private static final String AWAY =
      "ALTER TABLE drawbridge.audit_events RENAME TO audit_events_away";
  private static final String BACK =
      "ALTER TABLE drawbridge.audit_events_away RENAME TO audit_events";

  @Test
  void refuseModeFailsWaitingEventsAndKeepsTheOthersUntilTheStoreReturns(TestPostgres pg)
      throws Exception {
    try (AuditFixture f = AuditFixture.create(pg, "audit_refuse")) {
      QueuedAuditLog log = f.start(AuditFixture.settings("gw-a", dir.resolve("spool")));
      log.recordAhead(AuditFixture.event(1), false).get(20, TimeUnit.SECONDS);
      f.tamper(AWAY);

      assertThatThrownBy(
              () -> log.recordAhead(AuditFixture.event(2), false).get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(AuditUnavailableException.class);
      assertThat(log.storeUp()).isFalse();
      // known to be away now: refused at once, without queueing
      assertThat(log.recordAhead(AuditFixture.event(3), false)).isCompletedExceptionally();
      assertThatThrownBy(() -> log.recordBeforeEffect(AuditFixture.event(4)))
          .isInstanceOf(AuditUnavailableException.class);
      assertThat(log.record(AuditFixture.event(5))).isTrue(); // nobody waits: kept in memory
      assertThat(Files.exists(dir.resolve("spool"))).isFalse();

      f.tamper(BACK);
      await().atMost(Duration.ofSeconds(20)).until(log::storeUp);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> f.audit.search(AuditFilter.all(100)).size() == 2);
      assertThat(f.audit.search(AuditFilter.all(100)))
          .extracting(AuditRow::details)
          .containsExactly("{\"n\":\"1\"}", "{\"n\":\"5\"}");
      log.recordAhead(AuditFixture.event(6), false).get(20, TimeUnit.SECONDS);
      assertThat(new AuditVerifier(f.audit).verify(Map.of())).allMatch(ChainReport::intact);
    }
  }

  @Test
  void spoolModeSpoolsOrdinaryEventsRefusesPrivilegedOnesAndReplaysInOrder(TestPostgres pg)
      throws Exception {
    Path spool = dir.resolve("audit.spool");
    try (AuditFixture f = AuditFixture.create(pg, "audit_spool")) {
      QueuedAuditLog log =
          f.start(AuditFixture.settings("gw-a", spool).withOutageMode(OutageMode.SPOOL));
      log.recordAhead(AuditFixture.event(1), false).get(20, TimeUnit.SECONDS);
      f.tamper(AWAY);

      // an ordinary statement's event is durable in the spool, so the statement may run
      log.recordAhead(AuditFixture.event(2), false).get(20, TimeUnit.SECONDS);
      log.recordAhead(AuditFixture.event(3), false).get(20, TimeUnit.SECONDS);
      assertThat(Files.readAllLines(spool)).hasSize(2);
      assertThat(log.storeUp()).isFalse();
      // a schema change or an approval must reach the store itself
      assertThatThrownBy(() -> log.recordBeforeEffect(AuditFixture.event(99)))
          .isInstanceOf(AuditUnavailableException.class);
      log.recordAhead(AuditFixture.event(4), false).get(20, TimeUnit.SECONDS);

      f.tamper(BACK);
      await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(spool));
      log.recordAhead(AuditFixture.event(5), false).get(20, TimeUnit.SECONDS);
      assertThat(f.audit.search(AuditFilter.all(100)))
          .extracting(AuditRow::details)
          .containsExactly(
              "{\"n\":\"1\"}", "{\"n\":\"2\"}", "{\"n\":\"3\"}", "{\"n\":\"4\"}", "{\"n\":\"5\"}");
      assertThat(new AuditVerifier(f.audit).verify(Map.of())).allMatch(ChainReport::intact);
    }
  }

  @Test
  void aSpoolLeftByAStoppedGatewayIsReplayedAtTheNextStart(TestPostgres pg) throws Exception {
    Path spool = dir.resolve("left.spool");
    try (AuditFixture f = AuditFixture.create(pg, "audit_respool")) {
      AuditSettings settings =
          AuditFixture.settings("gw-a", spool).withOutageMode(OutageMode.SPOOL);
      QueuedAuditLog first = f.start(settings);
      f.tamper(AWAY);
      first.recordAhead(AuditFixture.event(1), false).get(20, TimeUnit.SECONDS);
      first.recordAhead(AuditFixture.event(2), false).get(20, TimeUnit.SECONDS);
      first.close();
      f.log = null;
      assertThat(Files.readAllLines(spool)).hasSize(2);

      f.tamper(BACK);
      f.start(settings);
      await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(spool));
      assertThat(f.audit.search(AuditFilter.all(100)))
          .extracting(AuditRow::details)
          .containsExactly("{\"n\":\"1\"}", "{\"n\":\"2\"}");
    }
  }
}

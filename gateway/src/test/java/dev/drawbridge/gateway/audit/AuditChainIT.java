package dev.drawbridge.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class AuditChainIT {

  @TempDir Path dir;

  private AuditFixture chainOfFive(TestPostgres pg, String name) throws Exception {
    AuditFixture f = AuditFixture.create(pg, name);
    QueuedAuditLog log = f.start(AuditFixture.settings("gw-a", dir.resolve("spool")));
    CompletableFuture<?>[] all = new CompletableFuture<?>[5];
    for (int i = 1; i <= 5; i++) {
      all[i - 1] = log.recordAhead(AuditFixture.event(i), false);
    }
    CompletableFuture.allOf(all).get(20, TimeUnit.SECONDS);
    return f;
  }

  private static ChainReport only(List<ChainReport> reports) {
    assertThat(reports).hasSize(1);
    return reports.getFirst();
  }

  @Test
  void anUntouchedChainVerifiesAndEachLinkNamesThePreviousHash(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_intact")) {
      ChainReport r = only(new AuditVerifier(f.audit).verify(Map.of()));
      assertThat(r.intact()).isTrue();
      assertThat(r.events()).isEqualTo(5);
      assertThat(r.head().seq()).isEqualTo(5);
      var rows = f.audit.search(dev.drawbridge.gateway.store.AuditFilter.all(10));
      assertThat(rows.getFirst().prevHash()).isEqualTo(ChainHashes.GENESIS);
      assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
      assertThat(rows).extracting(x -> x.details()).first().isEqualTo("{\"n\":\"1\"}");
    }
  }

  @Test
  void anEditedEventIsTheFirstBrokenLink(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_edit")) {
      f.tamper("UPDATE drawbridge.audit_events SET actor = 'mallory' WHERE seq = 3");
      ChainReport r = only(new AuditVerifier(f.audit).verify(Map.of()));
      assertThat(r.broken()).isPresent();
      assertThat(r.broken().get().seq()).isEqualTo(3);
      assertThat(r.broken().get().problem()).contains("edited");
    }
  }

  @Test
  void anEditRecomputingTheHashBreaksTheNextLink(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_rehash")) {
      f.tamper(
          "UPDATE drawbridge.audit_events SET details = '{\"n\":\"9\"}', hash = repeat('a', 64)"
              + " WHERE seq = 2");
      ChainReport r = only(new AuditVerifier(f.audit).verify(Map.of()));
      assertThat(r.broken().get().seq()).isEqualTo(2);
    }
  }

  @Test
  void aDeletedEventIsCaught(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_delete")) {
      f.tamper("DELETE FROM drawbridge.audit_events WHERE seq = 3");
      ChainReport r = only(new AuditVerifier(f.audit).verify(Map.of()));
      assertThat(r.broken().get().seq()).isEqualTo(3);
      assertThat(r.broken().get().problem()).contains("expected seq 3 but found 4");
    }
  }

  @Test
  void reorderedEventsAreCaught(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_reorder")) {
      // swap events 2 and 3, renumbering them so that the sequence has no gap
      f.tamper("UPDATE drawbridge.audit_events SET seq = 1000 WHERE seq = 2");
      f.tamper("UPDATE drawbridge.audit_events SET seq = 2 WHERE seq = 3");
      f.tamper("UPDATE drawbridge.audit_events SET seq = 3 WHERE seq = 1000");
      ChainReport r = only(new AuditVerifier(f.audit).verify(Map.of()));
      assertThat(r.broken().get().seq()).isEqualTo(2);
      assertThat(r.broken().get().problem()).contains("previous hash");
    }
  }

  @Test
  void aDeletedTailIsCaughtAgainstTheExportedHead(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_tail")) {
      AuditVerifier verifier = new AuditVerifier(f.audit);
      ChainHead head = only(verifier.verify(Map.of())).head();
      f.tamper("DELETE FROM drawbridge.audit_events WHERE seq >= 4");
      assertThat(only(verifier.verify(Map.of())).intact())
          .as("without the exported head a clean cut is invisible")
          .isTrue();
      ChainReport r = only(verifier.verify(Map.of("gw-a", head)));
      assertThat(r.broken().get().problem()).contains("events were deleted from the end");
    }
  }

  @Test
  void twoGatewaysKeepTwoChainsInOneStore(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_two")) {
      try (QueuedAuditLog other =
          QueuedAuditLog.start(
              f.audit,
              AuditFixture.settings("gw-b", dir.resolve("spool-b")),
              new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
              java.time.Clock.systemUTC())) {
        other.recordAhead(AuditFixture.event(10), false).get(20, TimeUnit.SECONDS);
      }
      f.log.recordAhead(AuditFixture.event(6), false).get(20, TimeUnit.SECONDS);
      List<ChainReport> reports = new AuditVerifier(f.audit).verify(Map.of());
      assertThat(reports).extracting(ChainReport::gatewayId).containsExactly("gw-a", "gw-b");
      assertThat(reports).allMatch(ChainReport::intact);
      assertThat(reports).extracting(ChainReport::events).containsExactly(6L, 1L);
    }
  }

  @Test
  void theHeadExportWritesEveryChainsLastLink(TestPostgres pg) throws Exception {
    try (AuditFixture f = chainOfFive(pg, "audit_head_file")) {
      Path file = dir.resolve("heads.json");
      new HeadExport(new AuditVerifier(f.audit), file, java.time.Clock.systemUTC()).run();
      var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
      var head = doc.path("heads").get(0);
      assertThat(head.path("gateway").asText()).isEqualTo("gw-a");
      assertThat(head.path("seq").asLong()).isEqualTo(5);
      assertThat(head.path("hash").asText())
          .isEqualTo(only(new AuditVerifier(f.audit).verify(Map.of())).head().hash());
    }
  }
}

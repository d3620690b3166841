package dev.drawbridge.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drawbridge.gateway.store.AuditFilter;
import dev.drawbridge.gateway.store.AuditRow;
import dev.drawbridge.gateway.workflow.ApprovalWorkflow;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.MutableClock;
import dev.drawbridge.gateway.workflow.RequestIds;
import dev.drawbridge.gateway.workflow.Sweeper;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the sweeper expires reaches the audit trail: grants whose window closed, stale requests. */
@ExtendWith(PostgresExtension.class)
class SweptEventsIT {

  @TempDir Path dir;

  @Test
  void expiredGrantsAndRequestsAreRecorded(TestPostgres pg) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    try (AuditFixture f = AuditFixture.create(pg, "audit_swept");
        AuditRuntime audit =
            AuditRuntime.start(
                f.store, AuditFixture.settings("gw-a", dir.resolve("spool")), f.meters, clock)) {
      ApprovalWorkflow wf =
          new ApprovalWorkflow(
              f.store, WorkflowSettings.defaults(), clock, new RequestIds(new SecureRandom()));
      String stale = wf.openOrReuse(draft("alice", false, "fp-stale")).id();
      String approved = wf.openOrReuse(draft("alice", false, "fp-ok")).id();
      String grant =
          wf.approve(approved, Principal.human("bob", "approver"), "", Optional.empty())
              .grant()
              .orElseThrow()
              .id();
      clock.advance(WorkflowSettings.DEFAULT_REQUEST_TIMEOUT);

      Sweeper.Swept swept = new Sweeper(f.store, clock, audit::swept).sweep();
      assertThat(swept.grantsExpired()).containsExactly(grant);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> types(f).containsAll(List.of("grant.expired", "request.expired")));
      List<AuditRow> rows = f.audit.search(AuditFilter.all(50));
      assertThat(rows)
          .filteredOn(r -> r.type().equals("grant.expired"))
          .singleElement()
          .satisfies(r -> assertThat(r.details()).contains(grant));
      assertThat(rows)
          .filteredOn(r -> r.type().equals("request.expired"))
          .extracting(AuditRow::details)
          .anySatisfy(d -> assertThat(d).contains(stale));
    }
  }

  private static ChangeRequestDraft draft(String requester, boolean agent, String fingerprint) {
    return new ChangeRequestDraft(
        requester,
        agent,
        "shop",
        "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()",
        fingerprint,
        "{\"steps\": [\"add column\"]}",
        "{\"verdict\": \"NEEDS_APPROVAL\"}",
        "{\"tables\": []}",
        "a rewrite under ACCESS EXCLUSIVE");
  }

  private static List<String> types(AuditFixture f) {
    return f.audit.search(AuditFilter.all(50)).stream().map(AuditRow::type).toList();
  }
}

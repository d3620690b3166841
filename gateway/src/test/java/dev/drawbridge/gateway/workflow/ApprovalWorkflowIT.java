package dev.drawbridge.gateway.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.gateway.store.AccessLevel;
import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.GrantFilter;
import dev.drawbridge.gateway.store.GrantRecord;
import dev.drawbridge.gateway.store.GrantScope;
import dev.drawbridge.gateway.store.RequestFilter;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.RequestSubject;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.access.PrincipalKind;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ApprovalWorkflowIT {

  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final String FP = "fp-add-ref-uuid";

  static final Principal ALICE = Principal.human("alice", "engineer");
  static final Principal BOB = Principal.human("bob", "approver");
  static final Principal DAVE = Principal.human("dave", "approver");
  static final Principal CAROL = Principal.human("carol", "auditor");
  static final Principal ROBOT = Principal.agent("robot", "approver");

  private FreshDatabase db;
  private StateStore store;
  private MutableClock clock;

  @BeforeEach
  void open(TestPostgres pg) throws Exception {
    db = FreshDatabase.create(pg, "workflow");
    store = StateStore.open(db.settings());
    clock = new MutableClock(T0);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private ApprovalWorkflow workflow(WorkflowSettings settings) {
    return new ApprovalWorkflow(store, settings, clock, new RequestIds(new SecureRandom()));
  }

  private ApprovalWorkflow workflow() {
    return workflow(WorkflowSettings.defaults());
  }

  static ChangeRequestDraft draft(String requester, boolean agent, String fingerprint) {
    return new ChangeRequestDraft(
        requester,
        agent,
        "shop",
        "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()",
        fingerprint,
        "{\"steps\": [\"add column\"]}",
        "{\"verdict\": \"NEEDS_APPROVAL\"}",
        "{\"tables\": []}",
        "the volatile default rewrites orders under ACCESS EXCLUSIVE");
  }

  @Test
  void opensOneRequestAndReusesItForTheSameStatement() {
    ApprovalWorkflow wf = workflow();
    ChangeRequestTicket first = wf.openOrReuse(draft("alice", false, FP));
    ChangeRequestTicket again = wf.openOrReuse(draft("alice", false, FP));
    ChangeRequestTicket other = wf.openOrReuse(draft("alice", false, "fp-other"));
    ChangeRequestTicket someoneElse = wf.openOrReuse(draft("erin", false, FP));

    assertThat(first.id()).matches("CR-[2-9A-Z]{6}");
    assertThat(first.status()).isEqualTo("pending");
    assertThat(first.reused()).isFalse();
    assertThat(again).isEqualTo(new ChangeRequestTicket(first.id(), "pending", true));
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(someoneElse.id()).isNotEqualTo(first.id());

    RequestDetails d = wf.request(first.id().toLowerCase());
    assertThat(d.request().requester()).isEqualTo("alice");
    assertThat(d.request().subject())
        .isInstanceOfSatisfying(
            RequestSubject.StatementChange.class,
            s -> {
              assertThat(s.fingerprint()).isEqualTo(FP);
              assertThat(s.planJson()).contains("add column");
            });
    assertThat(wf.requests(RequestFilter.all().withRequester("alice"))).hasSize(2);
    assertThat(wf.requests(RequestFilter.all().withStatus(RequestStatus.PENDING))).hasSize(3);
  }

  @Test
  void anotherApproversApprovalGrantsTheStatementWithinItsWindowOnly() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("alice", false, FP)).id();
    assertThat(wf.usablePlanGrant("alice", "shop", FP)).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    RequestDetails approved = wf.approve(id, BOB, "ok, run it tonight", Optional.empty());

    assertThat(approved.request().status()).isEqualTo(RequestStatus.APPROVED);
    GrantRecord g = approved.grant().orElseThrow();
    assertThat(g.subject()).isEqualTo("alice");
    assertThat(g.scope()).isEqualTo(new GrantScope.Plan(FP));
    assertThat(g.notBefore()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(g.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(65)));
    assertThat(approved.decisions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.approver()).isEqualTo("bob");
              assertThat(a.comment()).isEqualTo("ok, run it tonight");
            });
    // the same statement again reuses the approved request
    assertThat(wf.openOrReuse(draft("alice", false, FP)))
        .isEqualTo(new ChangeRequestTicket(id, "approved", true));

    clock.advance(Duration.ofMinutes(59));
    assertThat(wf.usablePlanGrant("alice", "shop", FP))
        .contains(new PlanGrant(g.id(), id, g.expiresAt()));
    assertThat(wf.usablePlanGrant("bob", "shop", FP)).isEmpty();
    assertThat(wf.usablePlanGrant("alice", "other_db", FP)).isEmpty();
    assertThat(wf.usablePlanGrant("alice", "shop", "fp-other")).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(wf.usablePlanGrant("alice", "shop", FP)).isEmpty();
    // after the window the statement opens a new request
    ChangeRequestTicket next = wf.openOrReuse(draft("alice", false, FP));
    assertThat(next.id()).isNotEqualTo(id);
    assertThat(wf.request(id).request().status()).isEqualTo(RequestStatus.EXPIRED);
  }

  @Test
  void theApproverMayShortenTheWindowButNotExceedTheMaximum() {
    WorkflowSettings settings =
        new WorkflowSettings(
            1,
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofDays(1),
            Duration.ofSeconds(30));
    ApprovalWorkflow wf = workflow(settings);
    String shortId = wf.openOrReuse(draft("alice", false, "fp-1")).id();
    String longId = wf.openOrReuse(draft("alice", false, "fp-2")).id();
    String defaultId = wf.openOrReuse(draft("alice", false, "fp-3")).id();

    GrantRecord shortGrant =
        wf.approve(shortId, BOB, "", Optional.of(Duration.ofMinutes(10))).grant().orElseThrow();
    GrantRecord longGrant =
        wf.approve(longId, BOB, "", Optional.of(Duration.ofHours(9))).grant().orElseThrow();
    GrantRecord defaultGrant =
        wf.approve(defaultId, BOB, "", Optional.empty()).grant().orElseThrow();

    assertThat(Duration.between(shortGrant.notBefore(), shortGrant.expiresAt()))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(Duration.between(longGrant.notBefore(), longGrant.expiresAt()))
        .isEqualTo(Duration.ofHours(2));
    assertThat(Duration.between(defaultGrant.notBefore(), defaultGrant.expiresAt()))
        .isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(() -> wf.approve(shortId, DAVE, "", Optional.of(Duration.ZERO)))
        .isInstanceOf(WorkflowException.Invalid.class);
  }

  @Test
  void nobodyApprovesTheirOwnRequest() {
    ApprovalWorkflow wf = workflow();
    Principal bobAsker = Principal.human("bob", "approver", "engineer");
    String id = wf.openOrReuse(draft("bob", false, FP)).id();

    assertThatThrownBy(() -> wf.approve(id, bobAsker, "", Optional.empty()))
        .isInstanceOf(WorkflowException.Forbidden.class)
        .hasMessage("you cannot approve your own request");
    assertThatThrownBy(() -> wf.deny(id, bobAsker, ""))
        .isInstanceOf(WorkflowException.Forbidden.class)
        .hasMessage("you cannot deny your own request");
    assertThat(wf.request(id).request().status()).isEqualTo(RequestStatus.PENDING);
    assertThat(wf.request(id).decisions()).isEmpty();
    assertThat(wf.usablePlanGrant("bob", "shop", FP)).isEmpty();
  }

  @Test
  void agentsNeverApproveAndPeopleWithoutTheRoleNeither() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("alice", false, FP)).id();

    assertThatThrownBy(() -> wf.approve(id, ROBOT, "", Optional.empty()))
        .isInstanceOf(WorkflowException.Forbidden.class)
        .hasMessage("agents cannot approve change requests");
    assertThatThrownBy(() -> wf.approve(id, CAROL, "", Optional.empty()))
        .isInstanceOf(WorkflowException.Forbidden.class)
        .hasMessage(
            "only users with the approver role can approve requests; carol does not have it");
    assertThat(wf.request(id).decisions()).isEmpty();
  }

  @Test
  void anAgentsRequestIsRecordedAsSuchAndApprovedByAPerson() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("robot", true, FP)).id();
    assertThat(wf.request(id).request().requesterKind()).isEqualTo(PrincipalKind.AGENT);
    assertThat(wf.approve(id, BOB, "", Optional.empty()).request().status())
        .isEqualTo(RequestStatus.APPROVED);
  }

  @Test
  void twoApproversRequiredMeansTwoDistinctApprovers() {
    ApprovalWorkflow wf = workflow(WorkflowSettings.defaults().withApprovalsRequired(2));
    String id = wf.openOrReuse(draft("alice", false, FP)).id();

    RequestDetails afterBob =
        wf.approve(id, BOB, "fine by me", Optional.of(Duration.ofMinutes(20)));
    assertThat(afterBob.request().status()).isEqualTo(RequestStatus.PENDING);
    assertThat(afterBob.grant()).isEmpty();
    assertThat(wf.usablePlanGrant("alice", "shop", FP)).isEmpty();
    assertThatThrownBy(() -> wf.approve(id, BOB, "again", Optional.empty()))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessageContaining("you already decided on request " + id);

    assertThatThrownBy(() -> wf.deny(id, BOB, "changed my mind"))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessage("you already approved request " + id + "; ask the others to deny it");

    clock.advance(Duration.ofMinutes(1));
    RequestDetails afterDave = wf.approve(id, DAVE, "", Optional.empty());
    assertThat(afterDave.request().status()).isEqualTo(RequestStatus.APPROVED);
    assertThat(afterDave.decisions()).extracting(a -> a.approver()).containsExactly("bob", "dave");
    GrantRecord g = afterDave.grant().orElseThrow();
    // the shortest window any approver named
    assertThat(g.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(21)));
    assertThat(wf.usablePlanGrant("alice", "shop", FP)).isPresent();
  }

  @Test
  void aDeniedRequestCannotBeApprovedLater() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("alice", false, FP)).id();

    RequestDetails denied = wf.deny(id, BOB, "not during the sale");
    assertThat(denied.request().status()).isEqualTo(RequestStatus.DENIED);

    assertThatThrownBy(() -> wf.approve(id, DAVE, "", Optional.empty()))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessage("request " + id + " was already denied");
    assertThat(wf.usablePlanGrant("alice", "shop", FP)).isEmpty();
    // the same statement afterwards opens a new request
    assertThat(wf.openOrReuse(draft("alice", false, FP)).id()).isNotEqualTo(id);
  }

  @Test
  void aRequestNobodyDecidedOnInTimeExpires() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("alice", false, FP)).id();
    clock.advance(WorkflowSettings.DEFAULT_REQUEST_TIMEOUT);

    assertThatThrownBy(() -> wf.approve(id, BOB, "", Optional.empty()))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessage("request " + id + " expired; the requester must ask again");
    assertThat(wf.request(id).request().status()).isEqualTo(RequestStatus.EXPIRED);
    assertThat(wf.openOrReuse(draft("alice", false, FP)).id()).isNotEqualTo(id);
  }

  @Test
  void unknownIdsAreNotFound() {
    ApprovalWorkflow wf = workflow();
    assertThatThrownBy(() -> wf.approve("CR-NOPE22", BOB, "", Optional.empty()))
        .isInstanceOf(WorkflowException.NotFound.class)
        .hasMessage("no change request CR-NOPE22");
    assertThatThrownBy(() -> wf.revoke("G-NOPE22", BOB))
        .isInstanceOf(WorkflowException.NotFound.class);
    assertThatThrownBy(() -> wf.request("nope22"))
        .isInstanceOf(WorkflowException.NotFound.class)
        .hasMessage("no change request CR-NOPE22");
  }

  @Test
  void aPlanGrantIsUsedOnceAndTheRequestIsApplied() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("alice", false, FP)).id();
    GrantRecord g = wf.approve(id, BOB, "", Optional.empty()).grant().orElseThrow();

    GrantRecord used = wf.markUsed(g.id());
    assertThat(used.useCount()).isEqualTo(1);
    assertThat(used.usedAt()).contains(T0);
    assertThat(wf.request(id).request().status()).isEqualTo(RequestStatus.APPLIED);
    assertThat(wf.usablePlanGrant("alice", "shop", FP)).isEmpty();
    assertThatThrownBy(() -> wf.markUsed(g.id()))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessage("grant " + g.id() + " was already used");
  }

  @Test
  void aRevokedGrantIsNoLongerUsable() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("alice", false, FP)).id();
    GrantRecord g = wf.approve(id, BOB, "", Optional.empty()).grant().orElseThrow();

    assertThatThrownBy(() -> wf.revoke(g.id(), Principal.human("erin", "engineer")))
        .isInstanceOf(WorkflowException.Forbidden.class);
    clock.advance(Duration.ofMinutes(3));
    GrantRecord revoked = wf.revoke(g.id(), DAVE);

    assertThat(revoked.revokedBy()).contains("dave");
    assertThat(revoked.revokedAt()).contains(T0.plus(Duration.ofMinutes(3)));
    assertThat(wf.usablePlanGrant("alice", "shop", FP)).isEmpty();
    assertThat(wf.request(id).request().status()).isEqualTo(RequestStatus.REVOKED);
    assertThatThrownBy(() -> wf.markUsed(g.id()))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessage("grant " + g.id() + " was revoked by dave");
    assertThatThrownBy(() -> wf.revoke(g.id(), BOB))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessageContaining("already revoked by dave");
  }

  @Test
  void elevationIsApprovedTheSameWayAndEndsWithItsWindow() {
    ApprovalWorkflow wf = workflow();
    ChangeRequestTicket t =
        wf.requestElevation(
            ALICE, "billing", AccessLevel.WRITE, Duration.ofMinutes(30), "fix invoice 4711");
    assertThat(t.status()).isEqualTo("pending");
    assertThat(
            wf.requestElevation(
                ALICE, "billing", AccessLevel.WRITE, Duration.ofMinutes(30), "again"))
        .isEqualTo(new ChangeRequestTicket(t.id(), "pending", true));
    assertThat(wf.activeAccessGrant("alice", "billing", clock.instant())).isEmpty();
    assertThatThrownBy(() -> wf.approve(t.id(), ALICE, "", Optional.empty()))
        .isInstanceOf(WorkflowException.Forbidden.class);
    assertThatThrownBy(
            () -> wf.requestElevation(ALICE, "billing", AccessLevel.DDL, Duration.ofHours(9), "x"))
        .isInstanceOf(WorkflowException.Invalid.class)
        .hasMessageContaining("at most 8h");

    RequestDetails approved = wf.approve(t.id(), BOB, "go", Optional.empty());
    GrantRecord g = approved.grant().orElseThrow();
    assertThat(g.scope()).isEqualTo(new GrantScope.Access(AccessLevel.WRITE));
    assertThat(g.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));

    clock.advance(Duration.ofMinutes(29));
    assertThat(wf.activeAccessGrant("alice", "billing", clock.instant()))
        .map(GrantRecord::id)
        .contains(g.id());
    assertThat(wf.activeAccessGrant("alice", "shop", clock.instant())).isEmpty();
    assertThat(wf.markUsed(g.id()).useCount()).isEqualTo(1);
    assertThat(wf.markUsed(g.id()).useCount()).isEqualTo(2);
    assertThat(wf.grants(GrantFilter.all().withSubject("alice").activeAt(clock.instant())))
        .extracting(GrantRecord::id)
        .containsExactly(g.id());

    clock.advance(Duration.ofMinutes(1));
    assertThat(wf.activeAccessGrant("alice", "billing", clock.instant())).isEmpty();
    assertThat(wf.grants(GrantFilter.all().withSubject("alice").activeAt(clock.instant())))
        .isEmpty();
    assertThatThrownBy(() -> wf.markUsed(g.id()))
        .isInstanceOf(WorkflowException.Conflict.class)
        .hasMessageContaining("expired at");
  }

  @Test
  void theStrongestActiveAccessLevelWins() {
    ApprovalWorkflow wf = workflow();
    String read =
        wf.requestElevation(ALICE, "billing", AccessLevel.READ, Duration.ofHours(2), "look").id();
    String ddl =
        wf.requestElevation(ALICE, "billing", AccessLevel.DDL, Duration.ofMinutes(10), "index")
            .id();
    wf.approve(read, BOB, "", Optional.empty());
    wf.approve(ddl, BOB, "", Optional.empty());

    assertThat(wf.activeAccessGrant("alice", "billing", clock.instant()))
        .map(GrantRecord::scope)
        .contains(new GrantScope.Access(AccessLevel.DDL));
    clock.advance(Duration.ofMinutes(10));
    assertThat(wf.activeAccessGrant("alice", "billing", clock.instant()))
        .map(GrantRecord::scope)
        .contains(new GrantScope.Access(AccessLevel.READ));
  }

  @Test
  void aNewStoreOnTheSameDatabaseSeesTheSameState() {
    ApprovalWorkflow wf = workflow();
    String id = wf.openOrReuse(draft("alice", false, FP)).id();
    GrantRecord g = wf.approve(id, BOB, "", Optional.empty()).grant().orElseThrow();
    store.close();

    store = StateStore.open(db.settings());
    ApprovalWorkflow restarted =
        new ApprovalWorkflow(
            store, WorkflowSettings.defaults(), clock, new RequestIds(new SplittableRandom(7)));
    assertThat(restarted.usablePlanGrant("alice", "shop", FP))
        .contains(new PlanGrant(g.id(), id, g.expiresAt()));
    assertThat(restarted.openOrReuse(draft("alice", false, FP)))
        .isEqualTo(new ChangeRequestTicket(id, "approved", true));
    assertThat(restarted.request(id).decisions()).hasSize(1);
  }
}

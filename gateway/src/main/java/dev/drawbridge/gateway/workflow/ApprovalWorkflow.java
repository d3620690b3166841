package dev.drawbridge.gateway.workflow;

import dev.drawbridge.gateway.config.Durations;
import dev.drawbridge.gateway.store.AccessLevel;
import dev.drawbridge.gateway.store.ApprovalRecord;
import dev.drawbridge.gateway.store.ChangeRequestRecord;
import dev.drawbridge.gateway.store.Decision;
import dev.drawbridge.gateway.store.GrantFilter;
import dev.drawbridge.gateway.store.GrantRecord;
import dev.drawbridge.gateway.store.GrantScope;
import dev.drawbridge.gateway.store.RequestFilter;
import dev.drawbridge.gateway.store.RequestStatus;
import dev.drawbridge.gateway.store.RequestSubject;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.gateway.store.StoreTransaction;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.access.PrincipalKind;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval workflow over the state store: change requests for statements and for plain JIT
 * elevation, four-eyes decisions, grants with a window, use and revocation. Every decision locks
 * the request row, so gateways sharing the store never double-approve or double-grant. Blocks on
 * JDBC: call it off the event loop.
 */
public final class ApprovalWorkflow implements ChangeDesk {

  private static final int ID_ATTEMPTS = 5;

  private final StateStore store;
  private final WorkflowSettings settings;
  private final Clock clock;
  private final RequestIds ids;

  public ApprovalWorkflow(
      StateStore store, WorkflowSettings settings, Clock clock, RequestIds ids) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  @Override
  public ChangeRequestTicket openOrReuse(ChangeRequestDraft draft) {
    Objects.requireNonNull(draft, "draft");
    Instant now = clock.instant();
    RequestSubject.StatementChange change =
        new RequestSubject.StatementChange(
            draft.statement(),
            draft.fingerprint(),
            draft.planJson(),
            draft.riskJson(),
            draft.factsJson());
    PrincipalKind kind = draft.requesterIsAgent() ? PrincipalKind.AGENT : PrincipalKind.HUMAN;
    return store.inTransaction(
        tx -> {
          for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            Optional<ChangeRequestRecord> open =
                openStatement(tx, draft.requester(), draft.database(), draft.fingerprint(), now);
            if (open.isPresent()) {
              return new ChangeRequestTicket(open.get().id(), open.get().status().label(), true);
            }
            ChangeRequestRecord fresh =
                newRequest(draft.requester(), kind, draft.database(), draft.reason(), change, now);
            if (tx.requests().insertIfAbsent(fresh)) {
              return new ChangeRequestTicket(fresh.id(), fresh.status().label(), false);
            }
            // another gateway opened the same request just now, or the id was taken: look again
          }
          throw new IllegalStateException("could not find a free change request id");
        });
  }

  /**
   * The open request for this statement, after closing one whose time has run out (the sweeper does
   * the same, but may not have run yet).
   */
  private Optional<ChangeRequestRecord> openStatement(
      StoreTransaction tx, String requester, String database, String fingerprint, Instant now)
      throws SQLException {
    Optional<ChangeRequestRecord> open =
        tx.requests().findOpenStatement(requester, database, fingerprint);
    if (open.isEmpty()) {
      return open;
    }
    ChangeRequestRecord r = open.get();
    if (r.status() == RequestStatus.PENDING && !now.isBefore(r.pendingUntil())) {
      tx.requests().updateStatus(r.id(), RequestStatus.PENDING, RequestStatus.EXPIRED, now);
      return Optional.empty();
    }
    if (r.status() == RequestStatus.APPROVED) {
      Optional<GrantRecord> grant = tx.grants().forRequest(r.id());
      if (grant.isEmpty() || !now.isBefore(grant.get().expiresAt())) {
        tx.requests().updateStatus(r.id(), RequestStatus.APPROVED, RequestStatus.EXPIRED, now);
        return Optional.empty();
      }
    }
    return open;
  }

  private ChangeRequestRecord newRequest(
      String requester,
      PrincipalKind kind,
      String database,
      String reason,
      RequestSubject subject,
      Instant now) {
    return new ChangeRequestRecord(
        ids.newRequestId(),
        requester,
        kind,
        database,
        reason,
        subject,
        RequestStatus.PENDING,
        settings.approvalsRequired(),
        now,
        now,
        now.plus(settings.requestTimeout()));
  }

  /**
   * Asks for an access level on a database for a while (plain JIT elevation). A pending request for
   * the same level and database is reused.
   *
   * @throws WorkflowException.Invalid when the duration is not positive or longer than the maximum
   *     window
   */
  public ChangeRequestTicket requestElevation(
      Principal requester, String database, AccessLevel level, Duration duration, String reason) {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(reason, "reason");
    if (duration.toSeconds() < 1) {
      throw new WorkflowException.Invalid("an elevation must last at least 1s");
    }
    if (duration.compareTo(settings.maxWindow()) > 0) {
      throw new WorkflowException.Invalid(
          "an elevation can last at most "
              + Durations.format(settings.maxWindow())
              + "; ask for a shorter time than "
              + Durations.format(duration));
    }
    Instant now = clock.instant();
    RequestSubject.Elevation elevation = new RequestSubject.Elevation(level, duration);
    return store.inTransaction(
        tx -> {
          for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            Optional<ChangeRequestRecord> pending =
                tx.requests().findPendingElevation(requester.name(), database, level);
            if (pending.isPresent() && now.isBefore(pending.get().pendingUntil())) {
              return new ChangeRequestTicket(pending.get().id(), "pending", true);
            }
            if (pending.isPresent()) {
              tx.requests()
                  .updateStatus(
                      pending.get().id(), RequestStatus.PENDING, RequestStatus.EXPIRED, now);
            }
            ChangeRequestRecord fresh =
                newRequest(requester.name(), requester.kind(), database, reason, elevation, now);
            if (tx.requests().insertIfAbsent(fresh)) {
              return new ChangeRequestTicket(fresh.id(), fresh.status().label(), false);
            }
          }
          throw new IllegalStateException("could not find a free change request id");
        });
  }

  /**
   * Records {@code approver}'s approval. Once enough distinct approvers have approved, the request
   * becomes approved and a grant is recorded whose window is the shortest any approver named (or
   * the default, or for an elevation the requested duration), cut to the maximum window.
   *
   * @param window how long the grant may last, if this approver wants to limit it
   * @throws WorkflowException.NotFound no such request
   * @throws WorkflowException.Forbidden own request, an agent, or no approver role
   * @throws WorkflowException.Conflict the request is no longer pending, or this approver already
   *     decided
   */
  public RequestDetails approve(
      String requestId, Principal approver, String comment, Optional<Duration> window) {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(window, "window");
    if (window.isPresent() && window.get().toSeconds() < 1) {
      throw new WorkflowException.Invalid("the grant window must be at least 1s");
    }
    String id = RequestIds.normalizeRequestId(requestId);
    Instant now = clock.instant();
    expireOverdue(id, now);
    return store.inTransaction(
        tx -> {
          ChangeRequestRecord r = lockPending(tx, id, approver, "approve", now);
          if (!tx.approvals()
              .insertIfAbsent(
                  new ApprovalRecord(
                      id, approver.name(), Decision.APPROVE, comment, window, now))) {
            throw new WorkflowException.Conflict(
                "you already decided on request " + id + "; another approver must approve it");
          }
          List<ApprovalRecord> decisions = tx.approvals().forRequest(id);
          List<ApprovalRecord> approvals =
              decisions.stream().filter(d -> d.decision() == Decision.APPROVE).toList();
          if (approvals.size() < r.approvalsRequired()) {
            return new RequestDetails(r, decisions, Optional.empty());
          }
          GrantRecord grant = grantFor(r, approvals, now);
          if (!tx.grants().insertIfAbsent(grant)) {
            throw new WorkflowException.Conflict("request " + id + " already has a grant");
          }
          tx.requests().updateStatus(id, RequestStatus.PENDING, RequestStatus.APPROVED, now);
          return details(tx, id);
        });
  }

  /**
   * Records {@code approver}'s denial; the request is denied for good.
   *
   * @throws WorkflowException.NotFound no such request
   * @throws WorkflowException.Forbidden own request, an agent, or no approver role
   * @throws WorkflowException.Conflict the request is no longer pending
   */
  public RequestDetails deny(String requestId, Principal approver, String comment) {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(comment, "comment");
    String id = RequestIds.normalizeRequestId(requestId);
    Instant now = clock.instant();
    expireOverdue(id, now);
    return store.inTransaction(
        tx -> {
          lockPending(tx, id, approver, "deny", now);
          if (!tx.approvals()
              .insertIfAbsent(
                  new ApprovalRecord(
                      id, approver.name(), Decision.DENY, comment, Optional.empty(), now))) {
            throw new WorkflowException.Conflict(
                "you already approved request " + id + "; ask the others to deny it");
          }
          tx.requests().updateStatus(id, RequestStatus.PENDING, RequestStatus.DENIED, now);
          return details(tx, id);
        });
  }

  /**
   * Records that a request nobody decided on in time expired, in its own transaction, so that the
   * refusal that follows does not roll it back.
   */
  private void expireOverdue(String id, Instant now) {
    store.inTransaction(tx -> tx.requests().expireIfOverdue(id, now));
  }

  /** Locks the request and checks that {@code decider} may decide on it now. */
  private static ChangeRequestRecord lockPending(
      StoreTransaction tx, String id, Principal decider, String verb, Instant now)
      throws SQLException {
    ChangeRequestRecord r =
        tx.requests()
            .lock(id)
            .orElseThrow(() -> new WorkflowException.NotFound("no change request " + id));
    Optional<String> refusal = ApprovalRules.whyNot(r, decider, verb);
    if (refusal.isPresent()) {
      throw new WorkflowException.Forbidden(refusal.get());
    }
    if (r.status() == RequestStatus.PENDING && !now.isBefore(r.pendingUntil())) {
      // expireOverdue ran before this transaction; only a request that just ran out gets here
      throw new WorkflowException.Conflict(
          "request " + id + " expired; the requester must ask again");
    }
    return switch (r.status()) {
      case PENDING -> r;
      case DENIED -> throw new WorkflowException.Conflict("request " + id + " was already denied");
      case APPROVED ->
          throw new WorkflowException.Conflict("request " + id + " was already approved");
      case APPLIED ->
          throw new WorkflowException.Conflict("request " + id + " was already applied");
      case EXPIRED ->
          throw new WorkflowException.Conflict(
              "request " + id + " expired; the requester must ask again");
      case REVOKED ->
          throw new WorkflowException.Conflict("the grant of request " + id + " was revoked");
    };
  }

  private GrantRecord grantFor(ChangeRequestRecord r, List<ApprovalRecord> approvals, Instant now) {
    Optional<Duration> named =
        approvals.stream()
            .map(ApprovalRecord::window)
            .flatMap(Optional::stream)
            .min(Duration::compareTo);
    GrantScope scope;
    Optional<Duration> asked;
    switch (r.subject()) {
      case RequestSubject.StatementChange s -> {
        scope = new GrantScope.Plan(s.fingerprint());
        asked = named;
      }
      case RequestSubject.Elevation e -> {
        scope = new GrantScope.Access(e.level());
        asked = Optional.of(named.filter(n -> n.compareTo(e.duration()) < 0).orElse(e.duration()));
      }
    }
    Duration window = settings.window(asked);
    return new GrantRecord(
        ids.newGrantId(),
        r.requester(),
        r.database(),
        scope,
        now,
        now.plus(window),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        r.id(),
        now);
  }

  @Override
  public Optional<PlanGrant> usablePlanGrant(
      String requester, String database, String fingerprint) {
    Instant now = clock.instant();
    return store
        .inTransaction(tx -> tx.grants().usablePlan(requester, database, fingerprint, now))
        .map(g -> new PlanGrant(g.id(), g.requestId(), g.expiresAt()));
  }

  @Override
  public void recordUse(String grantId) {
    markUsed(grantId);
  }

  @Override
  public Optional<ActiveElevation> activeElevation(String subject, String database) {
    return activeAccessGrant(subject, database, clock.instant())
        .map(
            g ->
                new ActiveElevation(
                    g.id(), g.requestId(), ((GrantScope.Access) g.scope()).level(), g.expiresAt()));
  }

  /** The strongest access grant {@code subject} holds on {@code database} at {@code now}. */
  public Optional<GrantRecord> activeAccessGrant(String subject, String database, Instant now) {
    return store.inTransaction(tx -> tx.grants().activeAccess(subject, database, now));
  }

  /**
   * Records that the statement a grant allows ran. A plan grant is used up by it and its request
   * becomes applied; an access grant counts uses until its window closes.
   *
   * @throws WorkflowException.NotFound no such grant
   * @throws WorkflowException.Conflict the grant is revoked, outside its window, or used up
   */
  public GrantRecord markUsed(String grantId) {
    String id = RequestIds.normalizeGrantId(grantId);
    Instant now = clock.instant();
    return store.inTransaction(
        tx -> {
          GrantRecord g = lockGrant(tx, id);
          if (!tx.grants().markUsed(id, now)) {
            throw new WorkflowException.Conflict(unusable(g, now));
          }
          if (g.scope() instanceof GrantScope.Plan) {
            tx.requests()
                .updateStatus(g.requestId(), RequestStatus.APPROVED, RequestStatus.APPLIED, now);
          }
          return tx.grants().find(id).orElseThrow();
        });
  }

  private static String unusable(GrantRecord g, Instant now) {
    if (g.revokedAt().isPresent()) {
      return "grant " + g.id() + " was revoked by " + g.revokedBy().orElse("someone");
    }
    if (now.isBefore(g.notBefore())) {
      return "grant " + g.id() + " starts at " + g.notBefore();
    }
    if (!now.isBefore(g.expiresAt())) {
      return "grant " + g.id() + " expired at " + g.expiresAt();
    }
    return "grant " + g.id() + " was already used";
  }

  /**
   * Takes a grant back before its window closes. The subject or an approver may revoke; an agent
   * may revoke only its own grants.
   *
   * @throws WorkflowException.NotFound no such grant
   * @throws WorkflowException.Forbidden someone else's grant without the approver role
   * @throws WorkflowException.Conflict already revoked
   */
  public GrantRecord revoke(String grantId, Principal by) {
    Objects.requireNonNull(by, "by");
    String id = RequestIds.normalizeGrantId(grantId);
    Instant now = clock.instant();
    return store.inTransaction(
        tx -> {
          GrantRecord g = lockGrant(tx, id);
          boolean own = g.subject().equals(by.name());
          boolean approver =
              by.kind() == PrincipalKind.HUMAN && by.roles().contains(ApprovalRules.APPROVER_ROLE);
          if (!own && !approver) {
            throw new WorkflowException.Forbidden(
                "only " + g.subject() + " or an approver can revoke grant " + id);
          }
          if (!tx.grants().revoke(id, by.name(), now)) {
            throw new WorkflowException.Conflict(
                "grant " + id + " was already revoked by " + g.revokedBy().orElse("someone"));
          }
          tx.requests()
              .updateStatus(g.requestId(), RequestStatus.APPROVED, RequestStatus.REVOKED, now);
          return tx.grants().find(id).orElseThrow();
        });
  }

  private static GrantRecord lockGrant(StoreTransaction tx, String id) throws SQLException {
    return tx.grants().lock(id).orElseThrow(() -> new WorkflowException.NotFound("no grant " + id));
  }

  /**
   * One request with its decisions and grant.
   *
   * @throws WorkflowException.NotFound no such request
   */
  public RequestDetails request(String requestId) {
    String id = RequestIds.normalizeRequestId(requestId);
    return store.inTransaction(tx -> details(tx, id));
  }

  private static RequestDetails details(StoreTransaction tx, String id) throws SQLException {
    ChangeRequestRecord r =
        tx.requests()
            .find(id)
            .orElseThrow(() -> new WorkflowException.NotFound("no change request " + id));
    return new RequestDetails(r, tx.approvals().forRequest(id), tx.grants().forRequest(id));
  }

  /** Requests matching the filter, newest first. */
  public List<ChangeRequestRecord> requests(RequestFilter filter) {
    return store.inTransaction(tx -> tx.requests().list(filter));
  }

  /**
   * One grant.
   *
   * @throws WorkflowException.NotFound no such grant
   */
  public GrantRecord grant(String grantId) {
    String id = RequestIds.normalizeGrantId(grantId);
    return store
        .inTransaction(tx -> tx.grants().find(id))
        .orElseThrow(() -> new WorkflowException.NotFound("no grant " + id));
  }

  /** Grants matching the filter, newest first. */
  public List<GrantRecord> grants(GrantFilter filter) {
    return store.inTransaction(tx -> tx.grants().list(filter));
  }
}

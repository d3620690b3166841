package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.audit.StatementText;
import dev.drawbridge.gateway.audit.StatementVerdict;
import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.store.AccessLevel;
import dev.drawbridge.gateway.workflow.ActiveElevation;
import dev.drawbridge.gateway.workflow.ElevationExpiry;
import dev.drawbridge.policy.access.AccessDecision;
import dev.drawbridge.policy.access.PrincipalKind;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.StatementClass;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionControl;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.UpstreamCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy gate of one session. Called on the session's event loop only, one call at a time, so
 * its own state needs no locking; the one exception is the session a deferred decision leaves
 * behind, which the executor hands over through an atomic reference that the next call picks up
 * (the proxy holds later messages until the deferred decision completes).
 */
final class PolicySessionGate implements SessionGate, StatementVerdict.Source {

  private static final Logger log = LoggerFactory.getLogger(PolicySessionGate.class);

  /** The shortest time between two store lookups for an elevation after refused statements. */
  private static final Duration ELEVATION_LOOKUP_BACKOFF = Duration.ofSeconds(1);

  private final PolicyGate gate;
  private final GateSession session;
  private final SessionControl control;
  private final SessionAccess baseAccess;
  private SessionAccess access;
  private final boolean observe;
  private final AgentGuard agentGuard; // null for people
  private final Map<String, StatementClass> prepared = new HashMap<>();
  private final AtomicReference<SessionContext> afterDeferred = new AtomicReference<>();
  private SessionContext context = SessionContext.autocommit();
  private boolean standardConformingStrings = true;
  // what the last check concluded, for the audit trail; set on the executor for deferred decisions
  private volatile StatementVerdict lastVerdict;

  // JIT elevation (see elevationDue and lookUpElevation)
  private final UpstreamCredential baseLogin; // null when the gateway does not choose the login
  private UpstreamCredential login;
  private ActiveElevation elevation;
  private Instant elevationCheckedAt = Instant.MIN;
  private Instant lastElevationLookup = Instant.MIN;
  private String elevationUseRecorded;
  private StatementClass elevatable; // set by classified() when an elevation could lift a refusal

  PolicySessionGate(
      PolicyGate gate, GateSession session, SessionAccess access, SessionControl control) {
    this.gate = gate;
    this.session = session;
    this.baseAccess = access;
    this.access = access;
    this.control = control;
    this.observe = gate.settings().mode() == PolicyMode.OBSERVE;
    this.agentGuard =
        access.principal().kind() == PrincipalKind.AGENT
            ? new AgentGuard(gate.settings().agentStatementTimeout())
            : null;
    this.baseLogin =
        gate.logins().managed()
            ? gate.logins().credential(access.level(), parameters(access.level()))
            : null;
    this.login = baseLogin;
  }

  /** The startup parameters of an upstream session at {@code level}: an agent's limits. */
  private Map<String, String> parameters(AccessLevel level) {
    return agentGuard == null || observe
        ? Map.of()
        : agentGuard.upstreamParameters(level == AccessLevel.READ);
  }

  @Override
  public Optional<UpstreamCredential> upstreamLogin() {
    return Optional.ofNullable(baseLogin);
  }

  /**
   * Agents' upstream sessions get a statement timeout and read-only transactions (not in observe
   * mode, which forwards everything as it would without the gateway).
   */
  @Override
  public Map<String, String> upstreamParameters() {
    return agentGuard == null || observe ? Map.of() : agentGuard.upstreamParameters();
  }

  /** The session as the gate last understood it (for tests). */
  SessionContext context() {
    pickUpDeferred();
    return context;
  }

  @Override
  public GateDecision check(GateStatement statement) {
    pickUpDeferred();
    if (elevation != null || login != baseLogin) {
      GateDecision due = elevationDue(statement);
      if (due != null) {
        return due;
      }
    }
    elevatable = null;
    GateDecision d = decide(statement);
    if (elevatable != null && d instanceof GateDecision.Deny) {
      GateDecision lifted = lookUpElevation(statement, d, elevatable);
      if (lifted != null) {
        return lifted;
      }
    }
    if (elevation != null && d instanceof GateDecision.Allow) {
      recordElevationUse();
    }
    return d;
  }

  private GateDecision decide(GateStatement statement) {
    lastVerdict = null;
    Analysis analysis = gate.analyzer(standardConformingStrings).analyze(statement.sql(), prepared);
    if (analysis instanceof Analysis.LexicalFailure f) {
      return refuse(
          StatementClass.UNKNOWN, GateOutcome.NOT_UNDERSTOOD, Refusals.unreadable(f.error()), null);
    }
    List<ClassifiedStatement> statements = ((Analysis.Statements) analysis).statements();
    for (int i = 0; i < statements.size(); i++) {
      if (QueryJudge.needsEngine(statements.get(i))) {
        return judged(statement, statements);
      }
    }
    return classified(statement, statements);
  }

  // ------------------------------------------------------------------ reads, writes, settings

  /** No statement needs the engine: the access rules decide from the classes alone. */
  private GateDecision classified(GateStatement statement, List<ClassifiedStatement> statements) {
    int n = statements.size();
    GateDecision.Deny refusal = null;
    GateOutcome outcome = GateOutcome.ALLOW;
    StatementClass decisive = StatementClass.READ;
    for (int i = 0; i < n; i++) {
      ClassifiedStatement st = statements.get(i);
      StatementClass c = st.statementClass();
      AccessDecision a = access.decide(c);
      Optional<String> agentViolation =
          agentGuard == null ? Optional.empty() : agentGuard.violation(st);
      if (a instanceof AccessDecision.Allow && agentViolation.isEmpty()) {
        continue;
      }
      GateOutcome o;
      GateDecision.Deny d;
      if (agentViolation.isPresent() && a instanceof AccessDecision.Allow) {
        o = GateOutcome.DENY;
        d = Refusals.accessDenied(st, n, agentViolation.get());
      } else if (c == StatementClass.UNKNOWN) {
        o = GateOutcome.NOT_UNDERSTOOD;
        d = Refusals.notUnderstood(st, n, st.command() + " not recognised at " + st.position());
      } else if (a instanceof AccessDecision.Deny deny) {
        o = GateOutcome.DENY;
        d = Refusals.accessDenied(st, n, deny.reason());
        liftable(c);
      } else {
        o = GateOutcome.NEEDS_APPROVAL;
        d = Refusals.needsApprovalWithoutPlan(st, n, a.reason());
        liftable(c);
      }
      if (refusal == null || rank(o) > rank(outcome)) {
        refusal = d;
        outcome = o;
        decisive = c;
      }
    }
    if (refusal != null) {
      if (observe) {
        observed(decisive, outcome, refusal);
        advance(statement, statements);
        return GateDecision.allow();
      }
      return refuse(decisive, outcome, refusal, statement);
    }
    count(statements, GateOutcome.ALLOW);
    advance(statement, statements);
    return GateDecision.allow();
  }

  /** An access refusal of class {@code c}: remember the strongest level that could lift it. */
  private void liftable(StatementClass c) {
    Optional<AccessLevel> needed = SessionAccess.levelFor(c);
    if (needed.isPresent()
        && (elevatable == null
            || needed.get().compareTo(SessionAccess.levelFor(elevatable).orElseThrow()) > 0)) {
      elevatable = c;
    }
  }

  // ------------------------------------------------------------------ JIT elevation

  /**
   * Before deciding, for a session that is elevated or not on its normal login: ends an elevation
   * whose window closed; rechecks the grant now and then at a transaction boundary (a revoked grant
   * ends the elevation); moves a session without elevation back to its normal login at a
   * transaction boundary. Returns a deferred decision when any of that needs the store or a new
   * upstream login, else null.
   */
  private GateDecision elevationDue(GateStatement statement) {
    if (observe) {
      return null;
    }
    Instant now = gate.clock().instant();
    if (elevation != null && !now.isBefore(elevation.expiresAt())) {
      endElevation("expired at " + elevation.expiresAt());
      if (gate.logins().onExpiry() == ElevationExpiry.END_SESSION) {
        return GateDecision.deny(
            "57P01", "terminating connection: your elevation expired", null, null);
      }
    }
    boolean boundary = !context.inTransactionBlock();
    if (elevation != null
        && boundary
        && Duration.between(elevationCheckedAt, now).compareTo(gate.logins().recheck()) >= 0) {
      elevationCheckedAt = now;
      ActiveElevation held = elevation;
      return GateDecision.deferred(
          findElevation()
              .thenComposeAsync(
                  found -> {
                    if (elevation == held
                        && (found.isEmpty() || !found.get().grantId().equals(held.grantId()))) {
                      endElevation("was revoked");
                    }
                    return decideAfterElevation(statement);
                  },
                  control::execute));
    }
    if (elevation == null && login != baseLogin && boundary) {
      return GateDecision.deferred(
          moveTo(baseLogin).thenCompose(v -> decideAfterElevation(statement)));
    }
    return null;
  }

  /**
   * A statement the access rules refused might run under an approved elevation: looks one up (at
   * most once a second after refusals), switches the session's login if the elevation needs
   * another, and decides again. Null when no lookup is due.
   */
  private GateDecision lookUpElevation(
      GateStatement statement, GateDecision refusal, StatementClass needed) {
    if (observe || elevation != null) {
      return null;
    }
    Instant now = gate.clock().instant();
    if (Duration.between(lastElevationLookup, now).compareTo(ELEVATION_LOOKUP_BACKOFF) < 0) {
      return null;
    }
    lastElevationLookup = now;
    AccessLevel level = SessionAccess.levelFor(needed).orElseThrow();
    return GateDecision.deferred(
        findElevation()
            .thenComposeAsync(
                found -> {
                  if (found.isEmpty() || !found.get().level().covers(level)) {
                    return CompletableFuture.completedFuture(refusal);
                  }
                  return elevate(found.get(), statement, needed);
                },
                control::execute));
  }

  /** On the event loop: takes the elevation, moves to its login if needed, decides again. */
  private CompletionStage<GateDecision> elevate(
      ActiveElevation found, GateStatement statement, StatementClass needed) {
    elevation = found;
    elevationCheckedAt = gate.clock().instant();
    access = baseAccess.elevatedTo(found.level(), found.requestId());
    scheduleExpiry(found);
    log.info(
        "session {} user {}: {} elevation {} in force until {}",
        session.sessionId(),
        session.user(),
        found.level().label(),
        found.requestId(),
        found.expiresAt());
    UpstreamCredential wanted = elevatedLogin(found.level());
    if (wanted == null || wanted.equals(login)) {
      return decideAfterElevation(statement);
    }
    return control
        .switchLogin(wanted)
        .handle(
            (ok, failure) -> {
              if (failure == null) {
                login = wanted;
                return null;
              }
              // not now: the next statement at a transaction boundary tries again
              elevation = null;
              access = baseAccess;
              return failure;
            })
        .thenComposeAsync(
            failure ->
                failure == null
                    ? decideAfterElevation(statement)
                    : CompletableFuture.completedFuture(
                        elevationPending(statement, needed, found, (Throwable) failure)),
            control::execute);
  }

  private GateDecision elevationPending(
      GateStatement statement, StatementClass needed, ActiveElevation found, Throwable failure) {
    lastElevationLookup = Instant.MIN;
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    Analysis analysis = gate.analyzer(standardConformingStrings).analyze(statement.sql(), prepared);
    List<ClassifiedStatement> statements =
        analysis instanceof Analysis.Statements s ? s.statements() : List.of();
    ClassifiedStatement first =
        statements.stream().filter(s -> s.statementClass() == needed).findFirst().orElse(null);
    if (first == null) {
      return GateDecision.deny(
          "25001",
          "Drawbridge could not switch this session to your elevation",
          cause.getMessage(),
          null);
    }
    return Refusals.elevationPending(
        first, statements.size(), found.level().label(), cause.getMessage());
  }

  /** The login a session elevated to {@code level} uses; null when the gateway does not choose. */
  private UpstreamCredential elevatedLogin(AccessLevel level) {
    if (baseLogin == null) {
      return null;
    }
    AccessLevel effective = level.covers(baseAccess.level()) ? level : baseAccess.level();
    return gate.logins().credential(effective, parameters(effective));
  }

  /** Decides the statement again, on the event loop; a deferred answer is awaited. */
  private CompletionStage<GateDecision> decideAfterElevation(GateStatement statement) {
    elevatable = null;
    GateDecision d = decide(statement);
    if (elevation != null && d instanceof GateDecision.Allow) {
      recordElevationUse();
    }
    return d instanceof GateDecision.Deferred deferred
        ? deferred.decision()
        : CompletableFuture.completedFuture(d);
  }

  /**
   * Moves the session back to {@code target}; a session that cannot move back ends (it must not go
   * on with more access than it has).
   */
  private CompletionStage<Void> moveTo(UpstreamCredential target) {
    return control
        .switchLogin(target)
        .handle(
            (ok, failure) -> {
              if (failure == null) {
                login = target;
              } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                log.warn(
                    "session {} user {}: cannot move back to the normal login, ending it: {}",
                    session.sessionId(),
                    session.user(),
                    cause.getMessage());
                control.terminate(
                    "57P01",
                    "terminating connection: your elevation ended and the session could not return"
                        + " to its normal access",
                    cause.getMessage());
              }
              return null;
            });
  }

  private CompletableFuture<Optional<ActiveElevation>> findElevation() {
    return CompletableFuture.supplyAsync(
            () -> gate.desk().activeElevation(session.user(), session.database()), gate.executor())
        .exceptionally(
            e -> {
              log.warn("could not look up elevations for {}: {}", session.user(), e.toString());
              return Optional.empty(); // fail closed: no elevation
            });
  }

  /** The elevation ended: the base access applies at once. */
  private void endElevation(String why) {
    ActiveElevation ended = elevation;
    elevation = null;
    access = baseAccess;
    log.info(
        "session {} user {}: {} elevation {} {}",
        session.sessionId(),
        session.user(),
        ended.level().label(),
        ended.requestId(),
        why);
    if (gate.logins().onExpiry() == ElevationExpiry.END_SESSION) {
      control.terminate(
          "57P01",
          "terminating connection: your "
              + ended.level().label()
              + " elevation ("
              + ended.requestId()
              + ") "
              + why,
          "This gateway ends elevated sessions when their elevation ends"
              + " (workflow.on-elevation-expiry: end-session). Reconnect to go on with your"
              + " normal access.");
    }
  }

  /** With end-session, the session ends the moment the window closes, idle or not. */
  private void scheduleExpiry(ActiveElevation e) {
    if (gate.logins().onExpiry() != ElevationExpiry.END_SESSION) {
      return;
    }
    long delay = Math.max(0, Duration.between(gate.clock().instant(), e.expiresAt()).toMillis());
    CompletableFuture.runAsync(
        () ->
            control.execute(
                () -> {
                  if (elevation == e) {
                    endElevation("expired at " + e.expiresAt());
                  }
                }),
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, gate.executor()));
  }

  /** The first statement an elevation lets through counts as a use of its grant. */
  private void recordElevationUse() {
    String grantId = elevation.grantId();
    if (grantId.equals(elevationUseRecorded)) {
      return;
    }
    elevationUseRecorded = grantId;
    gate.executor()
        .execute(
            () -> {
              try {
                gate.desk().recordUse(grantId);
              } catch (RuntimeException e) {
                log.warn("could not record the use of grant {}: {}", grantId, e.getMessage());
              }
            });
  }

  /** The session after statements the engine did not judge ran: transactions and settings. */
  private void advance(GateStatement statement, List<ClassifiedStatement> statements) {
    int n = statements.size();
    SessionContext c = n > 1 ? context.withMultiStatementQuery(true) : context;
    boolean changed = n > 1;
    for (int i = 0; i < n; i++) {
      ClassifiedStatement st = statements.get(i);
      StatementClass cls = st.statementClass();
      if (cls == StatementClass.TRANSACTION || cls == StatementClass.SESSION) {
        c =
            PolicyEngine.sessionAfter(
                c, st, new StatementResult.Classified(st.text(), cls, st.command(), List.of()));
        changed = true;
      }
      if (st.command().equals("PREPARE")) {
        st.preparedStatementName().ifPresent(name -> prepared.put(name, cls));
      } else if (st.command().startsWith("DEALLOCATE")
          && st.text().toUpperCase(java.util.Locale.ROOT).contains(" ALL")) {
        prepared.clear();
      }
    }
    if (changed) {
      context = c.atQueryEnd();
    }
    remember(statement, statements);
  }

  /** A named Parse (the extended protocol) can be run later with EXECUTE: remember its class. */
  private void remember(GateStatement statement, List<ClassifiedStatement> statements) {
    if (statement.protocol() == GateStatement.Protocol.PARSE
        && !statement.statementName().isEmpty()
        && statements.size() == 1) {
      prepared.put(statement.statementName(), statements.getFirst().statementClass());
    }
  }

  // ------------------------------------------------------------------ schema changes

  private GateDecision judged(GateStatement statement, List<ClassifiedStatement> statements) {
    ObjectReferences refs = ObjectReferences.none();
    for (ClassifiedStatement st : statements) {
      if (QueryJudge.needsEngine(st)) {
        refs = refs.plus(ObjectReferences.of(st));
      }
    }
    Optional<String> searchPath = Optional.of(searchPathSetting(context.searchPath()));
    String database = session.database();
    Optional<CatalogFacts> cached = gate.facts().cached(database, refs, searchPath);
    CatalogFacts facts = cached.orElseGet(CatalogFacts::unknown);
    SessionContext before = context;
    Judgement j = gate.judge().judge(access, statements, before, facts);
    if (observe) {
      return observeJudged(statement, statements, j, cached.isPresent(), refs, searchPath);
    }
    switch (j) {
      case Judgement.Allowed a -> {
        count(statements, GateOutcome.ALLOW);
        allowed(a.sessionAfter(), a.changedTables());
        remember(statement, statements);
        return GateDecision.allow();
      }
      case Judgement.Refused r -> {
        return refuse(r.statementClass(), r.outcome(), r.error(), statement);
      }
      case Judgement.NeedsApproval na -> {
        gate.metrics().deferred();
        Instant start = gate.clock().instant();
        CompletableFuture<CatalogFacts> factsStage =
            cached.isPresent()
                ? CompletableFuture.completedFuture(facts)
                : gate.fetchFacts(database, refs, searchPath);
        CompletableFuture<GateDecision> decision =
            factsStage.thenApplyAsync(
                fetched -> {
                  Judgement again =
                      cached.isPresent()
                          ? na
                          : gate.judge().judge(access, statements, before, fetched);
                  GateDecision d = resolve(again, fetched, before, statements);
                  log.debug(
                      "session {}: deferred decision took {} ms",
                      session.sessionId(),
                      Duration.between(start, gate.clock().instant()).toMillis());
                  return d;
                },
                gate.executor());
        return GateDecision.deferred(decision);
      }
    }
  }

  /** On the executor: the final decision once the facts are in. */
  private GateDecision resolve(
      Judgement j,
      CatalogFacts facts,
      SessionContext before,
      List<ClassifiedStatement> statements) {
    return switch (j) {
      case Judgement.Allowed a -> {
        count(statements, GateOutcome.ALLOW);
        changed(a.changedTables());
        afterDeferred.set(a.sessionAfter());
        yield GateDecision.allow();
      }
      case Judgement.Refused r -> {
        logRefusal(r.statementClass(), r.outcome(), r.error());
        count(statements, r.outcome());
        yield r.error();
      }
      case Judgement.NeedsApproval na -> {
        GateDecision d =
            gate.approvals()
                .resolve(
                    access, na, facts, before, statements.size(), m -> control.notice(m, null));
        if (d instanceof GateDecision.Allow) {
          count(statements, GateOutcome.ALLOW);
          changed(na.changedTables());
          afterDeferred.set(na.sessionAfter());
        } else {
          count(statements, na.outcome());
          if (d instanceof GateDecision.Deny deny) {
            logRefusal(na.statementClass(), na.outcome(), deny);
          }
        }
        yield d;
      }
    };
  }

  private GateDecision observeJudged(
      GateStatement statement,
      List<ClassifiedStatement> statements,
      Judgement j,
      boolean factsCached,
      ObjectReferences refs,
      Optional<String> searchPath) {
    SessionContext before = context;
    switch (j) {
      case Judgement.Allowed a -> {
        count(statements, GateOutcome.ALLOW);
        allowed(a.sessionAfter(), a.changedTables());
      }
      case Judgement.Refused r -> {
        observed(r.statementClass(), r.outcome(), r.error());
        context = r.sessionAfter();
      }
      case Judgement.NeedsApproval na -> {
        context = na.sessionAfter();
        changed(na.changedTables());
        if (factsCached) {
          observed(na.statementClass(), na.outcome(), null);
        } else {
          // the record needs the real facts: judge again in the background, forward now
          gate.fetchFacts(session.database(), refs, searchPath)
              .thenAcceptAsync(
                  f -> {
                    Judgement again = gate.judge().judge(access, statements, before, f);
                    observed(again.statementClass(), again.outcome(), null);
                  },
                  gate.executor());
        }
      }
    }
    remember(statement, statements);
    return GateDecision.allow();
  }

  private void allowed(SessionContext after, List<String> changedTables) {
    context = after;
    changed(changedTables);
  }

  private void changed(List<String> tables) {
    for (String t : tables) {
      gate.facts().changed(session.database(), t);
    }
  }

  // ------------------------------------------------------------------ refusals and records

  private GateDecision refuse(
      StatementClass c, GateOutcome outcome, GateDecision.Deny error, GateStatement statement) {
    gate.metrics().decided(c, outcome);
    verdict(c, outcome);
    if (observe) {
      logObserved(c, outcome, error);
      return GateDecision.allow();
    }
    logRefusal(c, outcome, error);
    return error;
  }

  private void observed(StatementClass c, GateOutcome outcome, GateDecision.Deny error) {
    gate.metrics().decided(c, outcome);
    verdict(c, outcome);
    logObserved(c, outcome, error);
  }

  private void logObserved(StatementClass c, GateOutcome outcome, GateDecision.Deny error) {
    log.info(
        "observe: session {} user {}: {} statement would be {}{}; forwarded",
        session.sessionId(),
        session.user(),
        c,
        outcome.tag(),
        error == null ? "" : " (" + error.message() + ")");
  }

  private void logRefusal(StatementClass c, GateOutcome outcome, GateDecision.Deny error) {
    log.info(
        "session {} user {}: {} statement {}: {}",
        session.sessionId(),
        session.user(),
        c,
        outcome.tag(),
        error.message());
  }

  private void count(List<ClassifiedStatement> statements, GateOutcome outcome) {
    StatementClass decisive = StatementClass.TRANSACTION;
    for (ClassifiedStatement st : statements) {
      gate.metrics().decided(st.statementClass(), outcome);
      if (StatementText.rank(st.statementClass()) > StatementText.rank(decisive)) {
        decisive = st.statementClass();
      }
    }
    verdict(decisive, outcome);
  }

  private void verdict(StatementClass c, GateOutcome outcome) {
    lastVerdict = new StatementVerdict(outcome.tag(), c.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public StatementVerdict lastVerdict() {
    return lastVerdict;
  }

  private static int rank(GateOutcome o) {
    return switch (o) {
      case DENY -> 3;
      case NOT_UNDERSTOOD -> 2;
      case NEEDS_APPROVAL -> 1;
      case ALLOW -> 0;
    };
  }

  // ------------------------------------------------------------------ what the upstream reports

  @Override
  public void parameterStatus(String name, String value) {
    pickUpDeferred();
    switch (name) {
      case "TimeZone" -> context = context.withTimeZone(value);
      case "standard_conforming_strings" -> standardConformingStrings = !"off".equals(value);
      case "search_path" -> context = context.withSearchPath(parseSearchPath(value));
      default -> {}
    }
  }

  @Override
  public void readyForQuery(char transactionStatus, boolean caughtUp) {
    pickUpDeferred();
    if (!caughtUp) {
      return;
    }
    if (transactionStatus == 'I') {
      if (context.inTransactionBlock() || !context.earlierInTransaction().isEmpty()) {
        context = context.endTransactionBlock(false).atQueryEnd();
      }
    } else if (!context.inTransactionBlock()) {
      context = context.beginTransactionBlock();
    }
  }

  private void pickUpDeferred() {
    SessionContext after = afterDeferred.getAndSet(null);
    if (after != null) {
      context = after;
    }
  }

  /** The search_path as a setting value: every schema quoted. */
  static String searchPathSetting(List<String> path) {
    List<String> quoted = new ArrayList<>(path.size());
    for (String s : path) {
      quoted.add('"' + s.replace("\"", "\"\"") + '"');
    }
    return String.join(", ", quoted);
  }

  /** A search_path value as the server reports it, without {@code $user}. */
  static List<String> parseSearchPath(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String s = part.strip();
      if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
        s = s.substring(1, s.length() - 1).replace("\"\"", "\"");
      }
      if (!s.isEmpty() && !s.equals("$user")) {
        out.add(s);
      }
    }
    return out;
  }
}

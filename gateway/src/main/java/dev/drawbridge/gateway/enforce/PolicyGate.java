package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.sql.LexerOptions;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionControl;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.StatementGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statement gate that enforces the policy. Each session gets a {@link PolicySessionGate} that
 * tracks its state (transaction blocks, search_path, TimeZone, prepared statements) and judges
 * every Query and Parse:
 *
 * <ul>
 *   <li>reads, writes, transaction control and settings the principal may run are allowed on the
 *       event loop, straight from the access rules (a table lookup after lexing);
 *   <li>schema changes and code blocks go through the {@link PolicyEngine}; with cached catalog
 *       facts (or when the statement is safe even on unknown facts, which the engine reads as a
 *       large, busy table) the decision is immediate, otherwise it is {@link GateDecision.Deferred
 *       deferred}: the facts are fetched on the executor, bounded by the facts timeout (after which
 *       they count as unknown: never as safe);
 *   <li>statements that need approval are {@link GateDecision.Deferred deferred} to the executor,
 *       which asks the {@link ChangeDesk} for a grant or files a change request.
 * </ul>
 *
 * <p>In observe mode every decision is counted and logged, and everything is forwarded at once
 * (lookups for the record run in the background; no change requests are opened).
 *
 * <p>The gate owns the resources handed to it as {@code owned} and closes them in {@link #close}.
 */
public final class PolicyGate implements StatementGate, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PolicyGate.class);

  private final EnforcementSettings settings;
  private final QueryJudge judge;
  private final FactsSource facts;
  private final ApprovalFlow approvals;
  private final Executor executor;
  private final EnforcementMetrics metrics;
  private final Clock clock;
  private final List<AutoCloseable> owned;
  private final ChangeDesk desk;
  private final SessionLogins logins;
  private final SqlAnalyzer standardStrings = new SqlAnalyzer(LexerOptions.DEFAULTS);
  private final SqlAnalyzer backslashStrings =
      new SqlAnalyzer(LexerOptions.DEFAULTS.withStandardConformingStrings(false));
  private final Map<AccessKey, SessionAccess> accessBySession = new ConcurrentHashMap<>();

  private record AccessKey(String user, Set<String> roles, String database) {}

  /**
   * @param settings mode, access rules, timeouts
   * @param engine the policy engine
   * @param facts catalog facts for schema changes
   * @param desk the approval workflow
   * @param executor where blocking work runs (catalog lookups, the workflow); never an event loop
   * @param meters where the decision counters go
   * @param clock times deferred decisions
   * @param owned resources the gate closes with itself (the executor, pools)
   */
  public PolicyGate(
      EnforcementSettings settings,
      PolicyEngine engine,
      FactsSource facts,
      ChangeDesk desk,
      Executor executor,
      MeterRegistry meters,
      Clock clock,
      List<? extends AutoCloseable> owned) {
    this(
        settings, engine, facts, desk, executor, meters, clock, owned, SessionLogins.passthrough());
  }

  /**
   * As above, with the sessions' upstream logins per access level (gateway auth mode), which JIT
   * elevations switch between.
   */
  public PolicyGate(
      EnforcementSettings settings,
      PolicyEngine engine,
      FactsSource facts,
      ChangeDesk desk,
      Executor executor,
      MeterRegistry meters,
      Clock clock,
      List<? extends AutoCloseable> owned,
      SessionLogins logins) {
    this(settings, engine, facts, desk, executor, meters, clock, owned, logins, Optional.empty());
  }

  /**
   * As above, with the executor of approved staged plans: a statement re-run under its plan grant
   * runs as that plan.
   */
  public PolicyGate(
      EnforcementSettings settings,
      PolicyEngine engine,
      FactsSource facts,
      ChangeDesk desk,
      Executor executor,
      MeterRegistry meters,
      Clock clock,
      List<? extends AutoCloseable> owned,
      SessionLogins logins,
      Optional<ApprovedPlans> plans) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.desk = Objects.requireNonNull(desk, "desk");
    this.logins = Objects.requireNonNull(logins, "logins");
    this.judge = new QueryJudge(engine, settings.notUnderstood());
    this.facts = Objects.requireNonNull(facts, "facts");
    this.approvals = new ApprovalFlow(desk, plans);
    this.executor = Objects.requireNonNull(executor, "executor");
    this.metrics = new EnforcementMetrics(meters, settings.mode());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.owned = List.copyOf(owned);
  }

  @Override
  public SessionGate open(GateSession session) {
    return open(session, SessionControl.NONE);
  }

  @Override
  public SessionGate open(GateSession session, SessionControl control) {
    return new PolicySessionGate(this, session, access(session), control);
  }

  /**
   * Judges a statement without session state (autocommit, default settings), for proxies that do
   * not open a session gate. Prefer {@link #open}.
   */
  @Override
  public GateDecision check(GateSession session, GateStatement statement) {
    return new PolicySessionGate(this, session, access(session), SessionControl.NONE)
        .check(statement);
  }

  private SessionAccess access(GateSession s) {
    return accessBySession.computeIfAbsent(
        new AccessKey(s.user(), s.roles(), s.database()),
        k ->
            new SessionAccess(
                settings.accessRules(),
                Principals.of(s, settings.passthroughRoles()),
                s.database()));
  }

  EnforcementSettings settings() {
    return settings;
  }

  ChangeDesk desk() {
    return desk;
  }

  SessionLogins logins() {
    return logins;
  }

  QueryJudge judge() {
    return judge;
  }

  FactsSource facts() {
    return facts;
  }

  ApprovalFlow approvals() {
    return approvals;
  }

  Executor executor() {
    return executor;
  }

  EnforcementMetrics metrics() {
    return metrics;
  }

  Clock clock() {
    return clock;
  }

  SqlAnalyzer analyzer(boolean standardConformingStrings) {
    return standardConformingStrings ? standardStrings : backslashStrings;
  }

  /**
   * Catalog facts from the source on the executor, bounded by the facts timeout; unknown facts (the
   * conservative reading) when the lookup fails or takes too long.
   */
  CompletableFuture<CatalogFacts> fetchFacts(
      String database, ObjectReferences refs, Optional<String> searchPath) {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return facts.fetch(database, refs, searchPath);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            executor)
        .completeOnTimeout(null, settings.factsTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(
            e -> {
              log.warn("catalog facts for {} unavailable: {}", database, e.getMessage());
              return null;
            })
        .thenApply(
            f -> {
              if (f == null) {
                metrics.factsUnknown();
                return CatalogFacts.unknown();
              }
              return f;
            });
  }

  @Override
  public void close() {
    List<Exception> problems = new ArrayList<>();
    for (AutoCloseable c : owned.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        problems.add(e);
      }
    }
    problems.forEach(e -> log.warn("closing the policy gate", e));
  }
}

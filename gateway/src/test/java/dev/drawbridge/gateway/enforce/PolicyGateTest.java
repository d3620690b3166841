package dev.drawbridge.gateway.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.gateway.config.NotUnderstoodAction;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionGate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate's decisions, without a network: the real policy engine, facts and desk in memory. */
class PolicyGateTest {

  private static final String UNSAFE_ADD =
      "ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final InMemoryChangeDesk desk = new InMemoryChangeDesk();
  private final TestFacts facts = new TestFacts();
  private ExecutorService executor;

  @AfterEach
  void stopExecutor() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** Facts the test controls: cached or not, and what a fetch returns (or that it hangs). */
  static final class TestFacts implements FactsSource {
    volatile CatalogFacts cached;
    volatile CatalogFacts fetched = CatalogFacts.unknown();
    volatile CountDownLatch hang;
    volatile int fetches;
    volatile List<String> changed = List.of();

    @Override
    public Optional<CatalogFacts> cached(
        String database, ObjectReferences refs, Optional<String> searchPath) {
      return Optional.ofNullable(cached);
    }

    @Override
    public CatalogFacts fetch(String database, ObjectReferences refs, Optional<String> searchPath)
        throws InterruptedException {
      fetches++;
      if (hang != null) {
        hang.await();
      }
      return fetched;
    }

    @Override
    public void changed(String database, String table) {
      changed = List.copyOf(concat(changed, table));
    }

    private static List<String> concat(List<String> l, String s) {
      java.util.ArrayList<String> out = new java.util.ArrayList<>(l);
      out.add(s);
      return out;
    }
  }

  private PolicyGate gate(EnforcementSettings settings) {
    return new PolicyGate(
        settings, new PolicyEngine(), facts, desk, Runnable::run, meters, CLOCK, List.of());
  }

  private PolicyGate gate() {
    return gate(EnforcementSettings.defaults());
  }

  private static GateSession session(String user, String... roles) {
    return new GateSession(7, user, Set.of(roles), "shop", "psql", "127.0.0.1:5000");
  }

  private static GateStatement query(String sql) {
    return new GateStatement(GateStatement.Protocol.SIMPLE_QUERY, "", sql);
  }

  private static GateStatement parse(String name, String sql) {
    return new GateStatement(GateStatement.Protocol.PARSE, name, sql);
  }

  /** The final decision: a deferred one is awaited. */
  private static GateDecision settle(GateDecision d) {
    if (d instanceof GateDecision.Deferred deferred) {
      return deferred.decision().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
    return d;
  }

  private static GateDecision.Deny denied(GateDecision d) {
    assertThat(d).isInstanceOf(GateDecision.Deny.class);
    GateDecision.Deny deny = (GateDecision.Deny) d;
    assertThat(deny.sqlState()).isEqualTo("42501");
    return deny;
  }

  private double count(String cls, String decision) {
    var c =
        meters
            .find(EnforcementMetrics.DECISIONS)
            .tag("class", cls)
            .tag("decision", decision)
            .counter();
    return c == null ? 0 : c.count();
  }

  // ------------------------------------------------------------------ reads and writes

  @Test
  void engineerReadsAndWritesAtOnce() {
    SessionGate g = gate().open(session("alice", "engineer"));
    assertThat(g.check(query("SELECT * FROM orders WHERE id = 1"))).isSameAs(GateDecision.ALLOW);
    assertThat(g.check(query("UPDATE orders SET quantity = 2 WHERE id = 1")))
        .isSameAs(GateDecision.ALLOW);
    assertThat(g.check(parse("", "INSERT INTO orders (id) VALUES ($1)")))
        .isSameAs(GateDecision.ALLOW);
    assertThat(count("write", "allow")).isEqualTo(2);
    assertThat(count("read", "allow")).isEqualTo(1);
  }

  @Test
  void passthroughUsersWithoutRolesGetThePassthroughRoles() {
    SessionGate g = gate().open(session("app"));
    assertThat(g.check(query("DELETE FROM orders WHERE id = 1"))).isSameAs(GateDecision.ALLOW);
  }

  @Test
  void agentReadsButCannotWrite() {
    SessionGate g = gate().open(session("bot", "agent"));
    assertThat(g.check(query("SELECT count(*) FROM orders"))).isSameAs(GateDecision.ALLOW);
    // refused, after a look for an approved elevation (there is none)
    GateDecision.Deny d = denied(settle(g.check(query("UPDATE orders SET quantity = 0"))));
    assertThat(d.message()).contains("UPDATE").contains("agents are read-only");
    assertThat(d.hint()).contains("drawbridge elevate");
    denied(g.check(parse("s1", "INSERT INTO orders (id) VALUES (1)")));
    assertThat(count("write", "needs-approval")).isEqualTo(2);
  }

  @Test
  void agentCannotChangeTheSchemaWithoutApprovalEvenWhenSafe() {
    SessionGate g = gate().open(session("bot", "agent"));
    GateDecision d = g.check(query("ALTER TABLE orders ADD COLUMN note text"));
    assertThat(d).isInstanceOf(GateDecision.Deferred.class);
    GateDecision.Deny deny = denied(settle(d));
    assertThat(deny.message()).contains("CR-1");
    assertThat(desk.drafts().getFirst().requesterIsAgent()).isTrue();
  }

  @Test
  void agentsCannotLiftTheirLimits() {
    SessionGate g = gate().open(session("bot", "agent"));
    for (String sql :
        List.of(
            "SET statement_timeout = 0",
            "set local statement_timeout to '1h'",
            "RESET statement_timeout",
            "RESET ALL",
            "SET default_transaction_read_only = off",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
            "BEGIN READ WRITE",
            "START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE",
            "SELECT set_config('statement_timeout', '0', false)")) {
      GateDecision.Deny d = denied(g.check(query(sql)));
      assertThat(d.message()).as(sql).contains("agents");
    }
    assertThat(g.check(query("BEGIN"))).isSameAs(GateDecision.ALLOW);
    assertThat(g.check(query("SET search_path TO public"))).isSameAs(GateDecision.ALLOW);
    SessionGate human = gate().open(session("alice", "engineer"));
    assertThat(human.check(query("SET statement_timeout = 0"))).isSameAs(GateDecision.ALLOW);
  }

  @Test
  void agentsGetATimeoutAndReadOnlyTransactionsUpstream() {
    PolicyGate g = gate();
    assertThat(g.open(session("bot", "agent")).upstreamParameters())
        .containsEntry("options", "-c statement_timeout=30000 -c default_transaction_read_only=on");
    assertThat(g.open(session("alice", "engineer")).upstreamParameters()).isEmpty();
  }

  // ------------------------------------------------------------------ evasion

  @Test
  void roleChangesAreDeniedInEveryForm() {
    SessionGate g = gate().open(session("alice", "engineer"));
    for (String sql :
        List.of(
            "SET ROLE postgres",
            "set session authorization postgres",
            "SELECT set_config('role', 'postgres', false)",
            "SELECT 1; SELECT set_config('ROLE', 'postgres', false)",
            "RESET ROLE")) {
      GateDecision.Deny d = denied(g.check(query(sql)));
      assertThat(d.message()).as(sql).contains("changing the session's role");
    }
    denied(g.check(parse("", "SELECT set_config('role', $1, false)")));
    assertThat(count("role-change", "deny")).isEqualTo(6);
  }

  @Test
  void ddlInsideADoBlockIsNotUnderstoodAndDenied() {
    SessionGate g = gate().open(session("alice", "engineer"));
    GateDecision.Deny d =
        denied(
            g.check(
                query(
                    "DO $$ BEGIN EXECUTE 'ALTER TABLE orders ADD COLUMN x uuid NOT NULL DEFAULT"
                        + " gen_random_uuid()'; END $$")));
    assertThat(d.message()).contains("does not understand");
    assertThat(d.detail()).contains("DO");
    assertThat(d.hint()).contains("plain statements");
    assertThat(desk.drafts()).isEmpty();
  }

  @Test
  void unreadableQueryIsDenied() {
    GateDecision.Deny d =
        denied(gate().open(session("alice", "engineer")).check(query("SELECT 'x")));
    assertThat(d.message()).contains("could not read");
  }

  @Test
  void notUnderstoodCanBeConfiguredToNeedApproval() {
    SessionGate g =
        gate(EnforcementSettings.defaults().withNotUnderstood(NotUnderstoodAction.NEEDS_APPROVAL))
            .open(session("alice", "engineer"));
    GateDecision d = g.check(query("DO $$ BEGIN PERFORM 1; END $$"));
    GateDecision.Deny deny = denied(settle(d));
    assertThat(deny.message()).contains("needs approval").contains("CR-1");
    assertThat(desk.drafts()).hasSize(1);
  }

  // ------------------------------------------------------------------ schema changes

  @Test
  void unsafeAddColumnOpensAChangeRequestAndNamesTheRiskAndPlan() {
    facts.fetched =
        CatalogFacts.builder()
            .version("17.2")
            .table(
                "public.orders", TableFacts.builder().rows(1_000_000).sizeBytes(1L << 30).build())
            .build();
    SessionGate g = gate().open(session("alice", "engineer"));

    GateDecision d = g.check(query(UNSAFE_ADD));

    assertThat(d).isInstanceOf(GateDecision.Deferred.class);
    GateDecision.Deny deny = denied(settle(d));
    assertThat(deny.message()).contains("ALTER TABLE").contains("change request CR-1");
    assertThat(deny.detail())
        .contains("ACCESS EXCLUSIVE")
        .contains("rewrites the whole table")
        .contains("1,000,000")
        .contains("Staged plan")
        .containsPattern("Rule [a-z-]+");
    assertThat(deny.hint())
        .contains("drawbridge requests show CR-1")
        .contains("drawbridge approve CR-1")
        .contains("Someone other than you");
    assertThat(facts.fetches).isEqualTo(1);
    var draft = desk.drafts().getFirst();
    assertThat(draft.requester()).isEqualTo("alice");
    assertThat(draft.database()).isEqualTo("shop");
    assertThat(draft.statement()).isEqualTo(UNSAFE_ADD);
    assertThat(draft.fingerprint()).hasSize(64);
    assertThat(draft.planJson()).contains("\"fingerprint\" : \"" + draft.fingerprint() + "\"");
    assertThat(draft.riskJson()).contains("\"verdict\":\"unsafe\"");
    assertThat(draft.factsJson()).contains("\"rows\":1000000");
    assertThat(count("ddl", "needs-approval")).isEqualTo(1);

    GateDecision.Deny again = denied(settle(g.check(query(UNSAFE_ADD))));
    assertThat(again.message()).contains("CR-1 is open");
  }

  @Test
  void aGrantForTheFingerprintLetsTheStatementThrough() {
    SessionGate g = gate().open(session("alice", "engineer"));
    denied(settle(g.check(query(UNSAFE_ADD))));
    desk.grant(desk.drafts().getFirst(), CLOCK.instant().plus(Duration.ofHours(1)));

    assertThat(settle(g.check(query(UNSAFE_ADD)))).isSameAs(GateDecision.ALLOW);
    assertThat(facts.changed).anyMatch(t -> t.endsWith("orders"));
    // someone else has no grant for it
    denied(settle(gate().open(session("mallory", "engineer")).check(query(UNSAFE_ADD))));
  }

  @Test
  void safeAddColumnIsAllowedAtOnceEvenWithoutFacts() {
    SessionGate g = gate().open(session("alice", "engineer"));
    assertThat(g.check(query("ALTER TABLE orders ADD COLUMN note text")))
        .isSameAs(GateDecision.ALLOW);
    assertThat(facts.fetches).isZero();
    assertThat(count("ddl", "allow")).isEqualTo(1);
  }

  @Test
  void cachedFactsDecideAtOnce() {
    facts.cached =
        CatalogFacts.builder()
            .version("17.2")
            .table("public.orders", TableFacts.builder().rows(0).sizeBytes(8192).build())
            .build();
    SessionGate g = gate().open(session("alice", "engineer"));
    GateDecision d = g.check(query(UNSAFE_ADD));
    assertThat(d).as("an empty table is safe to rewrite").isSameAs(GateDecision.ALLOW);
    assertThat(facts.fetches).isZero();
  }

  @Test
  void unsafeDdlInAMultiStatementQueryIsRefused() {
    SessionGate g = gate().open(session("alice", "engineer"));
    GateDecision.Deny d = denied(settle(g.check(query("SELECT 1; " + UNSAFE_ADD + "; SELECT 2"))));
    assertThat(d.detail()).contains("statement 2 of 3");
    assertThat(d.message()).contains("CR-1");
  }

  @Test
  void unsafeDdlThroughParseIsRefused() {
    SessionGate g = gate().open(session("alice", "engineer"));
    GateDecision d = g.check(parse("stmt1", UNSAFE_ADD));
    assertThat(d).isInstanceOf(GateDecision.Deferred.class);
    assertThat(denied(settle(d)).message()).contains("CR-1");
  }

  @Test
  void aTableCreatedEarlierInTheTransactionIsNew() {
    SessionGate g = gate().open(session("alice", "engineer"));
    assertThat(g.check(query("BEGIN"))).isSameAs(GateDecision.ALLOW);
    assertThat(g.check(query("CREATE TABLE fresh (id int)"))).isSameAs(GateDecision.ALLOW);
    assertThat(
            g.check(
                query("ALTER TABLE fresh ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()")))
        .isSameAs(GateDecision.ALLOW);
    g.check(query("COMMIT"));
    assertThat(
            settle(
                g.check(
                    query(
                        "ALTER TABLE fresh ADD COLUMN ref2 uuid NOT NULL DEFAULT"
                            + " gen_random_uuid()"))))
        .as("after COMMIT the table is no longer new")
        .isInstanceOf(GateDecision.Deny.class);
  }

  @Test
  void readyForQueryIdleEndsTheTransactionTheGateSaw() {
    PolicySessionGate g = (PolicySessionGate) gate().open(session("alice", "engineer"));
    g.check(query("BEGIN"));
    g.check(query("CREATE TABLE fresh (id int)"));
    assertThat(g.context().inTransactionBlock()).isTrue();
    g.readyForQuery('T', false);
    assertThat(g.context().inTransactionBlock()).as("not caught up: no resync").isTrue();
    g.readyForQuery('I', true); // e.g. the client's ROLLBACK after an error
    assertThat(g.context().inTransactionBlock()).isFalse();
    assertThat(g.context().earlierInTransaction()).isEmpty();
    g.readyForQuery('T', true);
    assertThat(g.context().inTransactionBlock()).isTrue();
  }

  @Test
  void sessionSettingsFollowSetAndParameterStatus() {
    PolicySessionGate g = (PolicySessionGate) gate().open(session("alice", "engineer"));
    g.check(query("SET search_path TO app, public"));
    assertThat(g.context().searchPath()).containsExactly("app", "public");
    g.parameterStatus("TimeZone", "Europe/Berlin");
    assertThat(g.context().timeZone()).contains("Europe/Berlin");
    g.parameterStatus("search_path", "\"$user\", \"My Schema\", public");
    assertThat(g.context().searchPath()).containsExactly("My Schema", "public");
    assertThat(PolicySessionGate.searchPathSetting(List.of("My \"S\"", "public")))
        .isEqualTo("\"My \"\"S\"\"\", \"public\"");
  }

  @Test
  void backslashStringsFollowStandardConformingStrings() {
    SessionGate g = gate().open(session("alice", "engineer"));
    g.parameterStatus("standard_conforming_strings", "off");
    // with backslash escapes the quote is escaped, so the role change is inside the string
    assertThat(g.check(query("SELECT 'a\\'; SET ROLE postgres; --'"))).isSameAs(GateDecision.ALLOW);
    g.parameterStatus("standard_conforming_strings", "on");
    denied(g.check(query("SELECT 'a\\'; SET ROLE postgres; --'")));
  }

  @Test
  void namedPreparedStatementsCanBeExecutedBySqlLater() {
    SessionGate g = gate().open(session("alice", "engineer"));
    assertThat(g.check(parse("upd", "UPDATE orders SET quantity = $1")))
        .isSameAs(GateDecision.ALLOW);
    assertThat(g.check(query("EXECUTE upd(3)"))).isSameAs(GateDecision.ALLOW);
    denied(g.check(query("EXECUTE never_prepared(3)")));
    SessionGate agent = gate().open(session("bot", "agent"));
    agent.check(parse("upd", "UPDATE orders SET quantity = $1"));
    denied(agent.check(query("EXECUTE upd(3)")));
  }

  // ------------------------------------------------------------------ bounds and modes

  @Test
  void factsThatDoNotArriveInTimeCountAsUnknown() {
    executor = Executors.newVirtualThreadPerTaskExecutor();
    facts.hang = new CountDownLatch(1);
    PolicyGate g =
        new PolicyGate(
            new EnforcementSettings(
                PolicyMode.ENFORCE,
                new dev.drawbridge.gateway.config.PolicySettings(
                    NotUnderstoodAction.DENY,
                    dev.drawbridge.policy.access.AccessRules.defaults(),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(30),
                    Set.of("engineer"))),
            new PolicyEngine(),
            facts,
            desk,
            executor,
            meters,
            CLOCK,
            List.of());
    long start = System.nanoTime();
    GateDecision.Deny d =
        denied(settle(g.open(session("alice", "engineer")).check(query(UNSAFE_ADD))));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(d.detail()).contains("unknown (taken as large and busy)");
    assertThat(meters.find(EnforcementMetrics.FACTS_UNKNOWN).counter().count()).isEqualTo(1);
    facts.hang.countDown();
  }

  @Test
  void workflowFailureStillRefusesWithAClearMessage() {
    PolicyGate g =
        new PolicyGate(
            EnforcementSettings.defaults(),
            new PolicyEngine(),
            facts,
            new NoWorkflowChangeDesk(),
            Runnable::run,
            meters,
            CLOCK,
            List.of());
    GateDecision.Deny d =
        denied(settle(g.open(session("alice", "engineer")).check(query(UNSAFE_ADD))));
    assertThat(d.message())
        .contains("needs approval")
        .contains("no change request could be opened");
  }

  @Test
  void observeModeForwardsEverythingButCountsWhatItWouldHaveDone() {
    SessionGate g =
        gate(EnforcementSettings.defaults().withMode(PolicyMode.OBSERVE))
            .open(session("bot", "agent"));
    assertThat(g.check(query("SET ROLE postgres"))).isSameAs(GateDecision.ALLOW);
    assertThat(g.check(query("UPDATE orders SET quantity = 0"))).isSameAs(GateDecision.ALLOW);
    assertThat(g.check(query(UNSAFE_ADD))).isSameAs(GateDecision.ALLOW);
    assertThat(g.check(query("DO $$ BEGIN END $$"))).isSameAs(GateDecision.ALLOW);
    assertThat(count("role-change", "deny")).isEqualTo(1);
    assertThat(count("write", "needs-approval")).isEqualTo(1);
    assertThat(count("ddl", "needs-approval")).isEqualTo(1);
    assertThat(count("procedural", "not-understood")).isEqualTo(1);
    assertThat(desk.drafts()).as("observe opens no requests").isEmpty();
    assertThat(meters.find(EnforcementMetrics.DECISIONS).tag("mode", "observe").counters())
        .isNotEmpty();
  }

  @Test
  void theStatelessCheckJudgesToo() {
    PolicyGate g = gate();
    assertThat(g.check(session("alice", "engineer"), query("SELECT 1")))
        .isSameAs(GateDecision.ALLOW);
    denied(g.check(session("alice", "engineer"), query("SET ROLE postgres")));
  }
}

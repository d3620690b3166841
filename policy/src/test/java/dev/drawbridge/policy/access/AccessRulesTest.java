package dev.drawbridge.policy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.policy.sql.StatementClass;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AccessRulesTest {
  private static final Principal ALICE = Principal.human("alice", "engineer");
  private static final Principal CAROL = Principal.human("carol", "auditor");
  private static final Principal BOT = Principal.agent("bot", "engineer");
  private static final Principal NOBODY = new Principal("x", Set.of(), PrincipalKind.HUMAN);

  /** The full default table: every principal shape × every class. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    // principal, class, verdict
    "engineer, READ, ALLOW",
    "engineer, WRITE, ALLOW",
    "engineer, MAINTENANCE, ALLOW",
    "engineer, DDL, NEEDS_APPROVAL",
    "engineer, PRIVILEGE, NEEDS_APPROVAL",
    "engineer, ROLE_CHANGE, DENY",
    "engineer, TRANSACTION, ALLOW",
    "engineer, SESSION, ALLOW",
    "engineer, PROCEDURAL, NEEDS_APPROVAL",
    "engineer, UNKNOWN, DENY",
    "auditor, READ, ALLOW",
    "auditor, WRITE, NEEDS_APPROVAL",
    "auditor, MAINTENANCE, ALLOW",
    "auditor, DDL, NEEDS_APPROVAL",
    "auditor, PRIVILEGE, NEEDS_APPROVAL",
    "auditor, ROLE_CHANGE, DENY",
    "auditor, TRANSACTION, ALLOW",
    "auditor, SESSION, ALLOW",
    "auditor, PROCEDURAL, NEEDS_APPROVAL",
    "auditor, UNKNOWN, DENY",
    "no-roles, READ, ALLOW",
    "no-roles, WRITE, NEEDS_APPROVAL",
    "no-roles, MAINTENANCE, ALLOW",
    "no-roles, DDL, NEEDS_APPROVAL",
    "no-roles, PRIVILEGE, NEEDS_APPROVAL",
    "no-roles, ROLE_CHANGE, DENY",
    "no-roles, TRANSACTION, ALLOW",
    "no-roles, SESSION, ALLOW",
    "no-roles, PROCEDURAL, NEEDS_APPROVAL",
    "no-roles, UNKNOWN, DENY",
    "agent, READ, ALLOW",
    "agent, WRITE, NEEDS_APPROVAL",
    "agent, MAINTENANCE, NEEDS_APPROVAL",
    "agent, DDL, NEEDS_APPROVAL",
    "agent, PRIVILEGE, NEEDS_APPROVAL",
    "agent, ROLE_CHANGE, DENY",
    "agent, TRANSACTION, ALLOW",
    "agent, SESSION, ALLOW",
    "agent, PROCEDURAL, NEEDS_APPROVAL",
    "agent, UNKNOWN, DENY",
  })
  void defaults(String who, StatementClass c, Verdict expected) {
    Principal p =
        switch (who) {
          case "engineer" -> ALICE;
          case "auditor" -> CAROL;
          case "agent" -> BOT;
          default -> NOBODY;
        };
    AccessDecision d = AccessRules.defaults().decide(p, "app", c);
    assertThat(d.verdict()).isEqualTo(expected);
    assertThat(d.reason()).isNotBlank();
    if (d instanceof AccessDecision.Deny deny) {
      assertThat(deny.sqlState()).isEqualTo("42501");
    }
  }

  @Test
  void tableCoversEveryClass() {
    // if a class is added, the table above must grow with it
    assertThat(StatementClass.values()).hasSize(10);
  }

  @Test
  void reasonsTellTheUserWhatToDo() {
    assertThat(AccessRules.defaults().decide(ALICE, "app", StatementClass.DDL).reason())
        .contains("approved change request");
    assertThat(AccessRules.defaults().decide(BOT, "app", StatementClass.WRITE).reason())
        .contains("agents are read-only");
    assertThat(AccessRules.defaults().decide(ALICE, "app", StatementClass.ROLE_CHANGE).reason())
        .contains("just-in-time grant");
  }

  @Test
  void firstMatchingConfiguredRuleWinsBeforeDefaults() {
    AccessRules rules =
        AccessRules.of(
            List.of(
                new AccessRule(
                    "dba",
                    PrincipalKind.HUMAN,
                    EnumSet.of(StatementClass.DDL),
                    "staging_*",
                    Verdict.ALLOW,
                    "DBAs change staging schemas directly"),
                new AccessRule(
                    "*",
                    null,
                    EnumSet.of(StatementClass.DDL),
                    "*",
                    Verdict.REWRITE,
                    "DDL becomes a staged plan")));
    Principal dba = Principal.human("dora", "dba");
    assertThat(rules.decide(dba, "staging_eu", StatementClass.DDL))
        .isEqualTo(new AccessDecision.Allow("DBAs change staging schemas directly"));
    assertThat(rules.decide(dba, "prod", StatementClass.DDL))
        .isEqualTo(new AccessDecision.Rewrite("DDL becomes a staged plan"));
    assertThat(rules.decide(dba, "prod", StatementClass.READ).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(rules.rules()).hasSize(2 + AccessRules.DEFAULT_RULES.size());
  }

  @Test
  void roleGlobsMatchAnyHeldRole() {
    AccessRules rules =
        AccessRules.of(
            List.of(
                new AccessRule(
                    "team-*",
                    null,
                    Set.of(),
                    "*",
                    Verdict.DENY,
                    "team accounts are frozen during the migration")));
    assertThat(rules.decide(Principal.human("t", "x", "team-a"), "db", StatementClass.READ))
        .isEqualTo(new AccessDecision.Deny("team accounts are frozen during the migration"));
    assertThat(rules.decide(ALICE, "db", StatementClass.READ).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void agentsAreNeverAllowedToChangeThingsEvenByARoleRule() {
    AccessRules rules =
        AccessRules.of(
            List.of(
                new AccessRule(
                    "engineer", null, Set.of(), "*", Verdict.ALLOW, "engineers may do anything")));
    assertThat(rules.decide(BOT, "app", StatementClass.WRITE).verdict())
        .isEqualTo(Verdict.NEEDS_APPROVAL);
    assertThat(rules.decide(BOT, "app", StatementClass.DDL).verdict())
        .isEqualTo(Verdict.NEEDS_APPROVAL);
    assertThat(rules.decide(BOT, "app", StatementClass.READ).verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(rules.decide(ALICE, "app", StatementClass.DDL).verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void roleChangesAndUnknownAreDeniedWhateverTheRules() {
    AccessRules rules =
        AccessRules.of(
            List.of(new AccessRule("*", null, Set.of(), "*", Verdict.ALLOW, "allow all")));
    for (Principal p : List.of(ALICE, BOT, NOBODY)) {
      assertThat(rules.decide(p, "x", StatementClass.ROLE_CHANGE).verdict())
          .isEqualTo(Verdict.DENY);
      assertThat(rules.decide(p, "x", StatementClass.UNKNOWN).verdict()).isEqualTo(Verdict.DENY);
    }
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of(
            new AccessRule.Spec("*", null, List.of("READ", "WIRTE"), "*", "ALLOW", "x"),
            "access rule #1: unknown statement class 'WIRTE'; expected one of READ, WRITE, MAINTENANCE,"
                + " DDL, PRIVILEGE, ROLE_CHANGE, TRANSACTION, SESSION, PROCEDURAL, UNKNOWN"),
        Arguments.of(
            new AccessRule.Spec("*", "robot", List.of(), "*", "ALLOW", "x"),
            "access rule #1: unknown principal kind 'robot'; expected one of HUMAN, AGENT"),
        Arguments.of(
            new AccessRule.Spec("*", null, List.of(), "*", "MAYBE", "x"),
            "access rule #1: unknown decision 'MAYBE'; expected one of ALLOW, DENY, NEEDS_APPROVAL,"
                + " REWRITE"),
        Arguments.of(
            new AccessRule.Spec("*", null, List.of("role_change"), "*", "allow", "x"),
            "access rule #1: a rule cannot ALLOW ROLE_CHANGE: role changes and statements not"
                + " understood are always denied"),
        Arguments.of(
            new AccessRule.Spec("*", "agent", List.of("write"), "*", "allow", "x"),
            "access rule #1: a rule cannot ALLOW agents to run WRITE statements: agents are"
                + " read-only, their changes need approval"),
        Arguments.of(
            new AccessRule.Spec("*", null, List.of(), "*", null, "x"),
            "access rule #1: rule has no decision; expected one of ALLOW, DENY, NEEDS_APPROVAL,"
                + " REWRITE"));
  }

  @ParameterizedTest
  @MethodSource("invalidSpecs")
  void invalidConfigurationIsRejectedAtConstruction(AccessRule.Spec spec, String message) {
    assertThatThrownBy(() -> AccessRules.fromSpecs(List.of(spec)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void specsAcceptCaseInsensitiveNamesAndWildcards() {
    AccessRules rules =
        AccessRules.fromSpecs(
            List.of(
                new AccessRule.Spec(
                    "analyst", "human", List.of("read", "Session"), "reports_?", "deny", "")));
    Principal analyst = Principal.human("ann", "analyst");
    AccessDecision d = rules.decide(analyst, "reports_1", StatementClass.READ);
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.reason()).isEqualTo("access rule: deny");
    assertThat(rules.decide(analyst, "reports_10", StatementClass.READ).verdict())
        .isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aWholeQueryStringTakesItsMostRestrictiveStatement() {
    SqlAnalyzer analyzer = new SqlAnalyzer();
    AccessRules rules = AccessRules.defaults();
    AccessDecision d =
        rules.decide(ALICE, "app", analyzer.analyze("SELECT 1;\nDROP TABLE x; SET ROLE admin"));
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.reason())
        .startsWith("statement 3 of 3 (line 2, SET ROLE): changing the session's role");
    AccessDecision approval =
        rules.decide(ALICE, "app", analyzer.analyze("SELECT 1; DROP TABLE x"));
    assertThat(approval.verdict()).isEqualTo(Verdict.NEEDS_APPROVAL);
    assertThat(approval.reason()).startsWith("statement 2 of 2 (line 1, DROP TABLE): ");
    assertThat(rules.decide(ALICE, "app", analyzer.analyze("SELECT 1; SELECT 2")).verdict())
        .isEqualTo(Verdict.ALLOW);
    assertThat(rules.decide(ALICE, "app", analyzer.analyze(" -- nothing")).verdict())
        .isEqualTo(Verdict.ALLOW);
  }

  @Test
  void lexicalFailuresAreDeniedAsNotUnderstood() {
    AccessDecision d =
        AccessRules.defaults()
            .decide(ALICE, "app", new SqlAnalyzer().analyze("SELECT 1; SELECT 'oops"));
    assertThat(d).isInstanceOf(AccessDecision.Deny.class);
    assertThat(((AccessDecision.Deny) d).sqlState()).isEqualTo("42501");
    assertThat(d.reason())
        .isEqualTo(
            "the gateway could not read this query (unterminated quoted string at line 1,"
                + " column 18), so it does not forward it; fix the syntax and retry");
  }

  @ParameterizedTest
  @CsvSource({
    "*, anything, true",
    "prod, prod, true",
    "prod, prod2, false",
    "prod*, prod2, true",
    "*_eu, app_eu, true",
    "*_eu, app_us, false",
    "a?c, abc, true",
    "a?c, ac, false",
    "a*b*c, axxbyyc, true",
    "a*b*c, axxbyy, false",
  })
  void globs(String pattern, String text, boolean matches) {
    assertThat(Glob.matches(pattern, text)).isEqualTo(matches);
  }

  @Test
  void principalsAreImmutable() {
    Set<String> roles = new java.util.HashSet<>(Set.of("engineer"));
    Principal p = new Principal("a", roles, PrincipalKind.HUMAN);
    roles.add("dba");
    assertThat(p.roles()).containsExactly("engineer");
  }
}

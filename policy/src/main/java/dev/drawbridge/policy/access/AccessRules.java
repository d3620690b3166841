package dev.drawbridge.policy.access;

import static dev.drawbridge.policy.sql.StatementClass.DDL;
import static dev.drawbridge.policy.sql.StatementClass.MAINTENANCE;
import static dev.drawbridge.policy.sql.StatementClass.PRIVILEGE;
import static dev.drawbridge.policy.sql.StatementClass.PROCEDURAL;
import static dev.drawbridge.policy.sql.StatementClass.READ;
import static dev.drawbridge.policy.sql.StatementClass.ROLE_CHANGE;
import static dev.drawbridge.policy.sql.StatementClass.SESSION;
import static dev.drawbridge.policy.sql.StatementClass.TRANSACTION;
import static dev.drawbridge.policy.sql.StatementClass.UNKNOWN;
import static dev.drawbridge.policy.sql.StatementClass.WRITE;

import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.StatementClass;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, ordered list of {@link AccessRule}s: configured rules first, then {@link
 * #DEFAULT_RULES}; the first rule that matches decides. Two guarantees hold whatever the
 * configuration says: role changes and statements not understood are denied, and an agent is never
 * allowed to run anything beyond reads, transaction control and session settings without approval.
 */
public final class AccessRules {
  /** The role whose holders may write data directly by default. */
  public static final String ENGINEER_ROLE = "engineer";

  static final String NOT_UNDERSTOOD =
      "the gateway could not understand this statement, so it does not forward it;"
          + " rewrite it in a supported form, or ask an approver to run it for you";
  static final String ROLE_CHANGE_DENIED =
      "changing the session's role (SET ROLE, SET SESSION AUTHORIZATION, RESET ROLE, DISCARD ALL,"
          + " set_config('role', ...)) is not allowed through the gateway;"
          + " request a just-in-time grant for the access you need instead";

  /** The built-in rules, matched after any configured rule. */
  public static final List<AccessRule> DEFAULT_RULES =
      List.of(
          rule("*", null, EnumSet.of(UNKNOWN), Verdict.DENY, NOT_UNDERSTOOD),
          rule("*", null, EnumSet.of(ROLE_CHANGE), Verdict.DENY, ROLE_CHANGE_DENIED),
          rule(
              "*",
              null,
              EnumSet.of(TRANSACTION, SESSION),
              Verdict.ALLOW,
              "transaction control and session settings are allowed"),
          rule("*", null, EnumSet.of(READ), Verdict.ALLOW, "reading data is allowed"),
          rule(
              "*",
              PrincipalKind.AGENT,
              EnumSet.of(WRITE, MAINTENANCE, DDL, PRIVILEGE, PROCEDURAL),
              Verdict.NEEDS_APPROVAL,
              "agents are read-only: propose this change as a change request and wait for a"
                  + " person to approve it"),
          rule(
              "*",
              PrincipalKind.HUMAN,
              EnumSet.of(MAINTENANCE),
              Verdict.ALLOW,
              "VACUUM and ANALYZE change no data or schema and block neither reads nor writes"
                  + " (PostgreSQL still checks that the role may maintain the table)"),
          rule(
              ENGINEER_ROLE,
              PrincipalKind.HUMAN,
              EnumSet.of(WRITE),
              Verdict.ALLOW,
              "engineers may read and write data"),
          rule(
              "*",
              null,
              EnumSet.of(WRITE),
              Verdict.NEEDS_APPROVAL,
              "writing data needs the engineer role or an approved change request;"
                  + " ask an approver for a just-in-time write grant"),
          rule(
              "*",
              null,
              EnumSet.of(DDL),
              Verdict.NEEDS_APPROVAL,
              "schema changes need an approved change request; an approver can review the"
                  + " staged plan and grant a window to run it"),
          rule(
              "*",
              null,
              EnumSet.of(PRIVILEGE),
              Verdict.NEEDS_APPROVAL,
              "privilege changes (GRANT, REVOKE, roles) need an approved change request"),
          rule(
              "*",
              null,
              EnumSet.of(PROCEDURAL),
              Verdict.NEEDS_APPROVAL,
              "DO blocks, CALL and other code whose effect the gateway cannot check need an"
                  + " approved change request"));

  private static final AccessRules DEFAULTS = new AccessRules(List.of());

  private final List<AccessRule> rules;

  private AccessRules(List<AccessRule> configured) {
    List<AccessRule> all = new ArrayList<>(configured.size() + DEFAULT_RULES.size());
    all.addAll(configured);
    all.addAll(DEFAULT_RULES);
    this.rules = List.copyOf(all);
  }

  private static AccessRule rule(
      String role, PrincipalKind kind, Set<StatementClass> classes, Verdict v, String reason) {
    return new AccessRule(role, kind, classes, "*", v, reason);
  }

  /** The defaults alone. */
  public static AccessRules defaults() {
    return DEFAULTS;
  }

  /** Configured rules, in order, before the defaults. */
  public static AccessRules of(List<AccessRule> configured) {
    return new AccessRules(List.copyOf(configured));
  }

  /**
   * Configured rules as written in a config file, validated: an unknown class, kind or decision
   * name is an {@link IllegalArgumentException} naming the rule and the accepted names.
   */
  public static AccessRules fromSpecs(List<AccessRule.Spec> specs) {
    List<AccessRule> out = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      try {
        out.add(specs.get(i).toRule());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("access rule #" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return of(out);
  }

  /** All rules in matching order, defaults last. */
  public List<AccessRule> rules() {
    return rules;
  }

  /** The decision for one statement class. */
  public AccessDecision decide(Principal principal, String database, StatementClass c) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(c, "statement class");
    if (c == UNKNOWN) {
      return new AccessDecision.Deny(NOT_UNDERSTOOD);
    }
    if (c == ROLE_CHANGE) {
      return new AccessDecision.Deny(ROLE_CHANGE_DENIED);
    }
    for (AccessRule r : rules) {
      if (r.matches(principal, database, c)) {
        if (r.verdict() == Verdict.ALLOW
            && principal.kind() == PrincipalKind.AGENT
            && !AccessRule.AGENT_ALLOWED.contains(c)) {
          return new AccessDecision.NeedsApproval(
              "agents are read-only: propose this " + c + " statement as a change request");
        }
        return AccessDecision.of(r.verdict(), r.reason());
      }
    }
    return new AccessDecision.Deny("no access rule allows " + c + " statements");
  }

  /**
   * The decision for a whole query string: a lexical failure is denied (not understood); for
   * several statements the most restrictive decision wins, and its reason names the statement.
   */
  public AccessDecision decide(Principal principal, String database, Analysis analysis) {
    return switch (analysis) {
      case Analysis.LexicalFailure f ->
          new AccessDecision.Deny(
              "the gateway could not read this query ("
                  + f.error()
                  + "), so it does not forward it; fix the syntax and retry");
      case Analysis.Statements s -> decideAll(principal, database, s.statements());
    };
  }

  private AccessDecision decideAll(
      Principal principal, String database, List<ClassifiedStatement> statements) {
    if (statements.isEmpty()) {
      return new AccessDecision.Allow("empty query");
    }
    AccessDecision worst = null;
    ClassifiedStatement worstStatement = null;
    for (ClassifiedStatement st : statements) {
      AccessDecision d = decide(principal, database, st.statementClass());
      if (worst == null || d.severity() > worst.severity()) {
        worst = d;
        worstStatement = st;
      }
    }
    if (statements.size() == 1 || worst.verdict() == Verdict.ALLOW) {
      return worst;
    }
    String where =
        "statement "
            + (worstStatement.index() + 1)
            + " of "
            + statements.size()
            + " (line "
            + worstStatement.position().line()
            + ", "
            + worstStatement.command()
            + "): ";
    return switch (worst) {
      case AccessDecision.Deny d -> new AccessDecision.Deny(where + d.reason(), d.sqlState());
      case AccessDecision.NeedsApproval n -> new AccessDecision.NeedsApproval(where + n.reason());
      case AccessDecision.Rewrite r -> new AccessDecision.Rewrite(where + r.reason());
      case AccessDecision.Allow a -> a;
    };
  }
}

package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.workflow.ChangeRequestTicket;
import dev.drawbridge.gateway.workflow.PlanGrant;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.LockLevel;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.plan.PlanStep;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.LexicalError;
import dev.drawbridge.proxy.gate.GateDecision;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every error the policy gate sends, built in one place. All carry SQLSTATE 42501
 * (insufficient_privilege), a message that says what happened, a detail that says why (rules,
 * locks, the staged plan) and a hint that says what to do next.
 */
final class Refusals {

  static final String INSUFFICIENT_PRIVILEGE = "42501";

  private static final int MAX_SQL_IN_DETAIL = 200;

  private Refusals() {}

  /** The access rules refuse the statement outright (role changes among them). */
  static GateDecision.Deny accessDenied(ClassifiedStatement st, int count, String reason) {
    return GateDecision.deny(
        INSUFFICIENT_PRIVILEGE,
        "Drawbridge refused " + st.command() + ": " + reason,
        where(st, count),
        null);
  }

  /** The statement needs approval but has no staged plan to approve (e.g. an agent's write). */
  static GateDecision.Deny needsApprovalWithoutPlan(
      ClassifiedStatement st, int count, String reason) {
    return GateDecision.deny(
        INSUFFICIENT_PRIVILEGE,
        "Drawbridge refused " + st.command() + ": it needs approval (" + reason + ")",
        where(st, count),
        "Ask for a just-in-time elevation (drawbridge elevate --database DB --level write --for"
            + " 30m) and run the statement again once it is approved; it was not run.");
  }

  /** The policy engine does not understand the statement. */
  static GateDecision.Deny notUnderstood(ClassifiedStatement st, int count, String reason) {
    String where = where(st, count);
    return GateDecision.deny(
        INSUFFICIENT_PRIVILEGE,
        "Drawbridge does not understand this statement, so it was not forwarded",
        (where == null ? "" : where + ": ") + reason,
        "Rewrite it in a form Drawbridge supports (for DO blocks and functions: run the schema"
            + " changes as plain statements), or ask an approver to run it for you.");
  }

  /** The query string could not even be lexed. */
  static GateDecision.Deny unreadable(LexicalError error) {
    return GateDecision.deny(
        INSUFFICIENT_PRIVILEGE,
        "Drawbridge could not read this query, so it was not forwarded",
        error.message() + " at " + error.position(),
        "Fix the syntax and run it again.");
  }

  /** The workflow could not be reached: the statement needs approval, but no request exists. */
  static GateDecision.Deny workflowUnavailable(Judgement.Pending p, String problem) {
    return GateDecision.deny(
        INSUFFICIENT_PRIVILEGE,
        "Drawbridge stopped "
            + p.statement().command()
            + ": it needs approval, and no change request could be opened ("
            + problem
            + ")",
        p.reason(),
        "Try again later, or ask the gateway's operator to check the approval workflow.");
  }

  /** The approved plan could not start (the plan changed since the approval, say). */
  static GateDecision.Deny planNotRun(Judgement.Pending p, String requestId, String problem) {
    return GateDecision.deny(
        "55000",
        "Drawbridge did not run the approved plan of "
            + requestId
            + " for "
            + p.statement().command(),
        problem,
        "Run the statement again to open a new change request if the table changed.");
  }

  /** The approved plan ran and failed (or was cancelled or rolled back). */
  static GateDecision.Deny planFailed(
      Judgement.Pending p, String requestId, String rolloutId, String problem) {
    return GateDecision.deny(
        "55000",
        "The approved staged plan of "
            + requestId
            + " for "
            + p.statement().command()
            + " did not complete (rollout "
            + rolloutId
            + ")",
        problem,
        "See drawbridge rollouts show "
            + rolloutId
            + "; resume it once the cause is fixed, or roll it back with drawbridge rollouts"
            + " rollback "
            + rolloutId
            + ".");
  }

  /** The statement's grant exists but cannot be used any more (a race with another session). */
  static GateDecision.Deny grantUnusable(Judgement.Pending p, PlanGrant grant, String problem) {
    return GateDecision.deny(
        INSUFFICIENT_PRIVILEGE,
        "Drawbridge stopped "
            + p.statement().command()
            + ": its approval ("
            + grant.changeRequestId()
            + ") can no longer be used",
        problem,
        "An approved change runs once; run the statement again to open a new change request.");
  }

  /**
   * An elevation was approved but the session cannot move to the login it needs yet (inside a
   * transaction block, or holding state that cannot move).
   */
  static GateDecision.Deny elevationPending(
      ClassifiedStatement st, int count, String level, String problem) {
    String where = where(st, count);
    return GateDecision.deny(
        "25001",
        "Drawbridge has not run "
            + st.command()
            + ": your "
            + level
            + " elevation is approved, but this session cannot switch to it now",
        (where == null ? "" : where + ": ") + problem,
        "End the transaction (COMMIT or ROLLBACK) and run the statement again, or reconnect.");
  }

  /**
   * The statement needs approval and is filed under {@code ticket}: names the request, the risk on
   * this table, the staged plan and how to get it approved.
   */
  static GateDecision.Deny needsApproval(
      Judgement.Pending p,
      ChangeRequestTicket ticket,
      CatalogFacts facts,
      SessionContext session,
      int count) {
    String id = ticket.id();
    StringBuilder detail = new StringBuilder();
    String where = where(p.statement(), count);
    if (where != null) {
      detail.append(where).append(". ");
    }
    detail.append("Why: ").append(p.reason()).append('\n');
    if (p.result() instanceof StatementResult.Judged j) {
      appendRisk(detail, j, facts, session);
      appendPlan(detail, j);
    } else {
      detail.append("Statement: ").append(shorten(p.statement().text())).append('\n');
    }
    detail
        .append("Change request ")
        .append(id)
        .append(" is ")
        .append(ticket.status())
        .append(ticket.reused() ? " (opened earlier for the same statement)." : ".");
    return GateDecision.deny(
        INSUFFICIENT_PRIVILEGE,
        "Drawbridge stopped "
            + p.statement().command()
            + ": it needs approval; change request "
            + id
            + (ticket.reused() ? " is open for it" : " was opened for it"),
        detail.toString(),
        "See it with \"drawbridge requests show "
            + id
            + "\". Someone other than you approves it with \"drawbridge approve "
            + id
            + "\"; then run the statement again within the granted window.");
  }

  private static void appendRisk(
      StringBuilder out, StatementResult.Judged j, CatalogFacts facts, SessionContext session) {
    Set<QualifiedName> tables = new LinkedHashSet<>();
    for (Finding f : j.findings()) {
      tables.addAll(f.tables());
    }
    tables.addAll(j.report().effect().locks().keySet());
    for (QualifiedName t : tables) {
      TableFacts tf = facts.table(t, session.searchPath());
      LockLevel lock = j.report().effect().locks().get(t);
      out.append("Risk on ").append(t).append(": ");
      out.append(lock == null ? "lock unknown" : lock.pgName());
      if (j.report().effect().rewrite()) {
        out.append(", rewrites the whole table");
      } else if (j.report().effect().scan()) {
        out.append(", scans the whole table");
      }
      out.append(", estimated rows ")
          .append(
              tf.estimatedRows().isPresent()
                  ? String.format(Locale.ROOT, "%,d", tf.estimatedRows().getAsLong())
                  : "unknown (taken as large and busy)")
          .append(".\n");
    }
    for (Finding f : j.findings()) {
      out.append("Rule ").append(f.ruleId());
      f.lock().ifPresent(l -> out.append(" (").append(l.pgName()).append(')'));
      out.append(": ").append(f.message()).append('\n');
    }
  }

  private static void appendPlan(StringBuilder out, StatementResult.Judged j) {
    List<PlanStep> steps = j.plan().steps();
    out.append(
        j.plan().online()
            ? "Staged plan (approval binds to fingerprint "
            : "No online plan; as written (approval binds to fingerprint ");
    out.append(j.fingerprint(), 0, Math.min(12, j.fingerprint().length())).append("):\n");
    for (PlanStep s : steps) {
      out.append("  ").append(s.number()).append(". ").append(s.description());
      List<String> sql = s.sql();
      if (!sql.isEmpty()) {
        out.append(": ").append(shorten(String.join("; ", sql)));
      }
      out.append('\n');
    }
  }

  private static String where(ClassifiedStatement st, int count) {
    if (count <= 1) {
      return null;
    }
    return "statement "
        + (st.index() + 1)
        + " of "
        + count
        + " (line "
        + st.position().line()
        + ", "
        + st.command()
        + ")";
  }

  private static String shorten(String sql) {
    String s = sql.strip().replaceAll("\\s+", " ");
    return s.length() <= MAX_SQL_IN_DETAIL ? s : s.substring(0, MAX_SQL_IN_DETAIL) + "…";
  }
}

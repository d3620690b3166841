package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.config.NotUnderstoodAction;
import dev.drawbridge.policy.access.AccessDecision;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.risk.Verdict;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.StatementClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Combines the policy engine's verdicts with the access rules for a query that holds statements the
 * engine must judge (DDL, code blocks). Pure: no I/O, no clock; the gate calls it on the event loop
 * with cached (or unknown) facts, and again on its executor with fetched facts.
 *
 * <p>Per statement: an access-rule denial wins; a statement not understood is refused (or needs
 * approval, as configured); an unsafe schema change needs approval; a safe one runs when the
 * principal may run DDL, or is a person who may write data, and needs approval otherwise. The most
 * severe statement decides the query: denied, then not understood, then needs approval.
 */
final class QueryJudge {

  private final PolicyEngine engine;
  private final NotUnderstoodAction notUnderstood;

  QueryJudge(PolicyEngine engine, NotUnderstoodAction notUnderstood) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.notUnderstood = Objects.requireNonNull(notUnderstood, "notUnderstood");
  }

  /** Whether a statement must go through the engine rather than the class table. */
  static boolean needsEngine(ClassifiedStatement st) {
    StatementClass c = st.statementClass();
    return c == StatementClass.DDL || c == StatementClass.PROCEDURAL || st.hasOpaqueBody();
  }

  Judgement judge(
      SessionAccess access,
      List<ClassifiedStatement> statements,
      SessionContext session,
      CatalogFacts facts) {
    PolicyEngine.QueryOutcome out = engine.analyzeClassified(statements, session, facts);
    int n = statements.size();
    Judgement.Refused refused = null;
    List<Judgement.Pending> pending = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    StatementClass decisive = n == 0 ? StatementClass.READ : statements.getFirst().statementClass();
    for (int i = 0; i < n; i++) {
      ClassifiedStatement st = statements.get(i);
      StatementResult r = out.results().get(i);
      StatementClass c = st.statementClass();
      AccessDecision a = access.decide(c);
      Judgement.Refused refusal = null;
      if (a instanceof AccessDecision.Deny d) {
        refusal =
            new Judgement.Refused(
                c, GateOutcome.DENY, Refusals.accessDenied(st, n, d.reason()), out.session());
      } else if (r.verdict() == Verdict.NOT_UNDERSTOOD) {
        String reason =
            r instanceof StatementResult.NotUnderstood nu ? nu.reason() : r.explanation();
        if (notUnderstood == NotUnderstoodAction.NEEDS_APPROVAL) {
          pending.add(new Judgement.Pending(st, r, "not understood: " + reason));
        } else {
          refusal =
              new Judgement.Refused(
                  c,
                  GateOutcome.NOT_UNDERSTOOD,
                  Refusals.notUnderstood(st, n, reason),
                  out.session());
        }
      } else if (r instanceof StatementResult.Judged j) {
        j.report().effect().locks().keySet().stream()
            .map(QualifiedName::toString)
            .forEach(changed::add);
        if (j.verdict() == Verdict.UNSAFE) {
          pending.add(new Judgement.Pending(st, j, firstLine(j.explanation())));
        } else if (!mayRunSafe(access, c, a)) {
          pending.add(new Judgement.Pending(st, j, a.reason()));
        }
      } else if (!(a instanceof AccessDecision.Allow)) {
        refusal =
            new Judgement.Refused(
                c,
                GateOutcome.NEEDS_APPROVAL,
                Refusals.needsApprovalWithoutPlan(st, n, a.reason()),
                out.session());
      }
      if (refusal != null && (refused == null || severity(refusal) > severity(refused))) {
        refused = refusal;
      }
      if (needsEngine(st)) {
        decisive = c;
      }
    }
    if (refused != null) {
      return refused;
    }
    if (!pending.isEmpty()) {
      StatementClass pc = pending.getFirst().statement().statementClass();
      GateOutcome o =
          pending.stream().anyMatch(p -> p.result().verdict() == Verdict.NOT_UNDERSTOOD)
              ? GateOutcome.NOT_UNDERSTOOD
              : GateOutcome.NEEDS_APPROVAL;
      return new Judgement.NeedsApproval(pc, o, pending, out.session(), changed);
    }
    return new Judgement.Allowed(decisive, out.session(), changed);
  }

  /** A safe schema change runs per {@link SessionAccess#maySafeDdl}; other classes per rule. */
  private static boolean mayRunSafe(SessionAccess access, StatementClass c, AccessDecision a) {
    return c == StatementClass.DDL ? access.maySafeDdl() : a instanceof AccessDecision.Allow;
  }

  private static int severity(Judgement.Refused r) {
    return switch (r.outcome()) {
      case DENY -> 3;
      case NOT_UNDERSTOOD -> 2;
      case NEEDS_APPROVAL -> 1;
      case ALLOW -> 0;
    };
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

package dev.drawbridge.gateway.enforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.gateway.plan.JsonRenderer;
import dev.drawbridge.gateway.plan.PlannedStatement;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.ChangeRequestTicket;
import dev.drawbridge.gateway.workflow.PlanGrant;
import dev.drawbridge.gateway.workflow.WorkflowException;
import dev.drawbridge.policy.access.PrincipalKind;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.risk.Verdict;
import dev.drawbridge.proxy.gate.GateDecision;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking half of a decision that needs approval: a statement with a usable grant for its plan
 * fingerprint runs (for now as written; running the approved staged plan through the DDL pool comes
 * with the rollout executor); otherwise a change request is opened (or the open one reused) and the
 * statement is refused with an error naming it. Runs on the gate's executor, never on an event
 * loop.
 */
final class ApprovalFlow {

  private static final Logger log = LoggerFactory.getLogger(ApprovalFlow.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChangeDesk desk;
  private final Optional<ApprovedPlans> plans;

  ApprovalFlow(ChangeDesk desk, Optional<ApprovedPlans> plans) {
    this.desk = Objects.requireNonNull(desk, "desk");
    this.plans = Objects.requireNonNull(plans, "plans");
  }

  /**
   * Allows the query when every pending statement has a grant; otherwise refuses it, filing the
   * first statement without one.
   */
  GateDecision resolve(
      SessionAccess access,
      Judgement.NeedsApproval judgement,
      CatalogFacts facts,
      SessionContext session,
      int count,
      Consumer<String> progress) {
    String requester = access.principal().name();
    for (Judgement.Pending p : judgement.pending()) {
      String fingerprint = fingerprint(p.result());
      Optional<PlanGrant> grant;
      try {
        grant = desk.usablePlanGrant(requester, access.database(), fingerprint);
      } catch (RuntimeException e) {
        log.warn("could not look up grants for {}: {}", requester, e.toString());
        return Refusals.workflowUnavailable(p, "grants could not be read");
      }
      if (grant.isPresent() && count == 1 && runsAsStagedPlan(p.result())) {
        return runPlan(access, p, grant.get(), progress);
      }
      if (grant.isPresent()) {
        try {
          // used up before the statement runs: a second run needs a new approval
          desk.recordUse(grant.get().grantId());
        } catch (WorkflowException.Conflict e) {
          return Refusals.grantUnusable(p, grant.get(), e.getMessage());
        } catch (RuntimeException e) {
          log.warn("could not record the use of grant {}: {}", grant.get().grantId(), e.toString());
          return Refusals.workflowUnavailable(p, "the grant could not be recorded as used");
        }
        log.info(
            "{} runs {} under grant {} of {} (as written)",
            requester,
            p.statement().command(),
            grant.get().grantId(),
            grant.get().changeRequestId());
        continue;
      }
      ChangeRequestTicket ticket;
      try {
        ticket = desk.openOrReuse(draft(access, p, fingerprint, facts, session));
      } catch (RuntimeException e) {
        log.warn("could not open a change request for {}: {}", requester, e.toString());
        return Refusals.workflowUnavailable(p, "the request store could not be reached");
      }
      log.info(
          "{} needs approval for {}: change request {} ({})",
          requester,
          p.statement().command(),
          ticket.id(),
          ticket.status());
      return Refusals.needsApproval(p, ticket, facts, session, count);
    }
    return GateDecision.allow();
  }

  /** A lone statement with an online staged plan runs as that plan when an executor is set up. */
  private boolean runsAsStagedPlan(StatementResult r) {
    return plans.isPresent()
        && r instanceof StatementResult.Judged j
        && j.plan().online()
        && !j.plan().needsApprovalAsWritten()
        && !j.plan().steps().isEmpty();
  }

  /**
   * Runs the approved plan instead of the statement as written, and answers the statement with a
   * NOTICE saying what ran (a DO block, forwarded in the statement's place so that the answer keeps
   * its place among the session's other answers).
   */
  private GateDecision runPlan(
      SessionAccess access, Judgement.Pending p, PlanGrant grant, Consumer<String> progress) {
    String command = p.statement().command();
    ApprovedPlans.PlanRun run;
    try {
      run = plans.orElseThrow().run(grant.changeRequestId(), access.principal(), progress);
    } catch (WorkflowException e) {
      log.info(
          "{} could not run the plan of {}: {}",
          access.principal().name(),
          grant.changeRequestId(),
          e.getMessage());
      return Refusals.planNotRun(p, grant.changeRequestId(), e.getMessage());
    } catch (RuntimeException e) {
      log.warn("running the plan of {} failed", grant.changeRequestId(), e);
      return Refusals.workflowUnavailable(p, "the approved plan could not be started");
    }
    log.info(
        "{} ran {} as rollout {} of {}: {}",
        access.principal().name(),
        command,
        run.rolloutId(),
        grant.changeRequestId(),
        run.outcome());
    return switch (run.outcome()) {
      case COMPLETED ->
          GateDecision.rewrite(
              notice(
                  "Drawbridge ran the approved staged plan of "
                      + grant.changeRequestId()
                      + " for "
                      + command
                      + " as rollout "
                      + run.rolloutId()
                      + ": "
                      + run.message()));
      case WAITING ->
          GateDecision.rewrite(
              notice(
                  "Drawbridge started the approved staged plan of "
                      + grant.changeRequestId()
                      + " as rollout "
                      + run.rolloutId()
                      + "; it now waits: "
                      + run.message()
                      + ". Follow it with: drawbridge rollouts show "
                      + run.rolloutId()));
      case FAILED ->
          Refusals.planFailed(p, grant.changeRequestId(), run.rolloutId(), run.message());
    };
  }

  /** A DO block that only raises this NOTICE (quotes and dollar signs taken out). */
  static String notice(String message) {
    String safe = message.replace("'", "").replace("$", "");
    return "DO $drawbridge$ BEGIN RAISE NOTICE '%', '" + safe + "'; END $drawbridge$";
  }

  /** The fingerprint approvals bind to: the plan's, or the text's for statements not judged. */
  static String fingerprint(StatementResult r) {
    if (r instanceof StatementResult.Judged j) {
      return j.fingerprint();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("as-written\n" + r.sql().strip()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static ChangeRequestDraft draft(
      SessionAccess access,
      Judgement.Pending p,
      String fingerprint,
      CatalogFacts facts,
      SessionContext session) {
    StatementResult r = p.result();
    boolean judged = r instanceof StatementResult.Judged;
    PlannedStatement planned =
        new PlannedStatement(
            "gateway",
            p.statement().index(),
            p.statement().position().line(),
            p.statement().text(),
            p.statement().statementClass().name().toLowerCase(Locale.ROOT),
            r.verdict(),
            r.findings(),
            judged ? Optional.of(((StatementResult.Judged) r).plan()) : Optional.empty(),
            judged ? Optional.of(fingerprint) : Optional.empty(),
            r.explanation(),
            List.of());
    return new ChangeRequestDraft(
        access.principal().name(),
        access.principal().kind() == PrincipalKind.AGENT,
        access.database(),
        p.statement().text(),
        fingerprint,
        JsonRenderer.render(List.of(planned)),
        riskJson(r),
        factsJson(r, facts, session),
        p.reason());
  }

  private static String riskJson(StatementResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    ArrayNode findings = o.putArray("findings");
    for (Finding f : r.findings()) {
      ObjectNode fo = findings.addObject();
      fo.put("rule", f.ruleId());
      fo.put("lock", f.lock().map(l -> l.pgName()).orElse(null));
      fo.put("rewrite", f.rewrite());
      fo.put("scan", f.scan());
      fo.put("message", f.message());
    }
    if (r instanceof StatementResult.Judged j) {
      o.put("rewrite", j.report().effect().rewrite());
      o.put("scan", j.report().effect().scan());
    }
    return write(o);
  }

  /** The facts the verdict rested on, in the facts-file shape (tables the statement touches). */
  private static String factsJson(StatementResult r, CatalogFacts facts, SessionContext session) {
    ObjectNode o = JSON.createObjectNode();
    facts.version().ifPresent(v -> o.put("server_version", v.toString()));
    ObjectNode settings = o.putObject("settings");
    facts.settings().forEach(settings::put);
    ObjectNode tables = o.putObject("tables");
    if (r instanceof StatementResult.Judged j && j.verdict() != Verdict.NOT_UNDERSTOOD) {
      for (Map.Entry<QualifiedName, ?> e : j.report().effect().locks().entrySet()) {
        TableFacts t = facts.table(e.getKey(), session.searchPath());
        ObjectNode to = tables.putObject(e.getKey().toString());
        if (t.estimatedRows().isPresent()) {
          to.put("rows", t.estimatedRows().getAsLong());
        }
        if (t.sizeBytes().isPresent()) {
          to.put("size_bytes", t.sizeBytes().getAsLong());
        }
        to.put("partitioned", t.partitioned());
        to.put("created_in_transaction", t.createdInThisTransaction());
      }
    }
    return write(o);
  }

  private static String write(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

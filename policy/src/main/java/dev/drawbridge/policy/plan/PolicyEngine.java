package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.LockLevel;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.risk.RiskAnalyzer;
import dev.drawbridge.policy.risk.RiskReport;
import dev.drawbridge.policy.risk.model.AlterAction;
import dev.drawbridge.policy.risk.model.DdlFrontEnd;
import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import dev.drawbridge.policy.risk.model.StopgapDdlParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facade the gateway and the {@code plan} command call: SQL text (one simple Query message or a
 * migration file), the session and the catalog facts in; one {@link StatementResult} per statement
 * out. Pure and thread-safe.
 *
 * <p>Each statement is parsed by a {@link DdlFrontEnd} (by default the Calcite DDL parser of {@code
 * dev.drawbridge.policy.ddl} through {@link dev.drawbridge.policy.risk.model.CalciteDdlAdapter}).
 * Integration point: statements are still split by {@link StopgapDdlParser#parseEach}'s lexer; once
 * the lexer/classifier of {@code dev.drawbridge.policy.sql} is merged, split with it and send only
 * statements it classifies as DDL here, through {@link #analyze(DdlStatement, String,
 * SessionContext, CatalogFacts)} or this method.
 */
public final class PolicyEngine {

  private final DdlFrontEnd frontEnd;
  private final RiskAnalyzer analyzer;
  private final StagedPlanner planner;

  public PolicyEngine(DdlFrontEnd frontEnd, RiskAnalyzer analyzer, StagedPlanner planner) {
    this.frontEnd = frontEnd;
    this.analyzer = analyzer;
    this.planner = planner;
  }

  /** The production engine: the Calcite DDL parser, default retry policy and batch size. */
  public PolicyEngine() {
    this(DdlFrontEnd.calcite(), new RiskAnalyzer(), new StagedPlanner());
  }

  /**
   * Judges every statement of {@code sql}. Several statements in one call are one simple Query
   * message, which PostgreSQL runs as an implicit transaction: the session is marked accordingly,
   * and each statement sees what the earlier ones did.
   */
  public List<StatementResult> analyze(String sql, SessionContext session, CatalogFacts facts) {
    List<String> texts =
        StopgapDdlParser.parseEach(sql).stream().map(StopgapDdlParser.Parsed::text).toList();
    return analyzeStatements(texts, session, facts);
  }

  /**
   * Judges statements that were already split (by the lexer of {@code dev.drawbridge.policy.sql}):
   * the texts of one simple Query message, in order. More than one statement means an implicit
   * transaction, as PostgreSQL runs them.
   */
  public List<StatementResult> analyzeStatements(
      List<String> statements, SessionContext session, CatalogFacts facts) {
    SessionContext ctx = statements.size() > 1 ? session.withMultiStatementQuery(true) : session;
    List<StatementResult> out = new ArrayList<>();
    for (String text : statements) {
      DdlFrontEnd.Result parsed = frontEnd.parse(text);
      if (parsed instanceof DdlFrontEnd.Result.Failed f) {
        out.add(new StatementResult.NotUnderstood(text, f.reason()));
        continue;
      }
      DdlStatement statement = ((DdlFrontEnd.Result.Ok) parsed).statement();
      StatementResult.Judged r = analyze(statement, text, ctx, facts);
      out.add(r);
      ctx = ctx.after(summarize(r.report()));
    }
    return out;
  }

  /** Judges one already-parsed statement (the entry point for the DDL parser adapter). */
  public StatementResult.Judged analyze(
      DdlStatement statement, String sql, SessionContext session, CatalogFacts facts) {
    RiskReport report = analyzer.analyze(statement, session, facts);
    StagedPlan plan = planner.plan(report, session, facts);
    return new StatementResult.Judged(sql, report, plan, Fingerprint.of(statement, plan));
  }

  /** What a judged statement leaves behind for later statements of the same transaction. */
  public static SessionContext.PriorStatement summarize(RiskReport report) {
    DdlStatement s = report.statement();
    Set<String> created = new HashSet<>();
    Set<String> notValid = new HashSet<>();
    if (s instanceof DdlStatement.CreateTable c) {
      created.add(c.table().name());
    }
    if (s instanceof DdlStatement.AlterTable a) {
      for (AlterAction x : a.actions()) {
        if (x instanceof AlterAction.AddConstraint ac && ac.notValid()) {
          ac.constraint().name().ifPresent(notValid::add);
        }
      }
    }
    Map<String, LockLevel> locks = new HashMap<>();
    for (Map.Entry<QualifiedName, LockLevel> e : report.effect().locks().entrySet()) {
      locks.put(e.getKey().toString(), e.getValue());
    }
    return new SessionContext.PriorStatement(SqlRenderer.statement(s), created, locks, notValid);
  }
}

package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.LockLevel;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.risk.RiskAnalyzer;
import dev.drawbridge.policy.risk.RiskReport;
import dev.drawbridge.policy.risk.model.AlterAction;
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
 * <p>Integration point: statements are currently split and parsed by {@link StopgapDdlParser}. Once
 * the lexer/classifier ({@code dev.drawbridge.policy.sql}) and the Calcite DDL parser ({@code
 * dev.drawbridge.policy.ddl}) land, {@link #analyze(String, SessionContext, CatalogFacts)} should
 * split with the lexer, adapt the parser's nodes to {@link DdlStatement}, and call {@link
 * #analyze(DdlStatement, String, SessionContext, CatalogFacts)}.
 */
public final class PolicyEngine {

  private final RiskAnalyzer analyzer;
  private final StagedPlanner planner;

  public PolicyEngine(RiskAnalyzer analyzer, StagedPlanner planner) {
    this.analyzer = analyzer;
    this.planner = planner;
  }

  public PolicyEngine() {
    this(new RiskAnalyzer(), new StagedPlanner());
  }

  /**
   * Judges every statement of {@code sql}. Several statements in one call are one simple Query
   * message, which PostgreSQL runs as an implicit transaction: the session is marked accordingly,
   * and each statement sees what the earlier ones did.
   */
  public List<StatementResult> analyze(String sql, SessionContext session, CatalogFacts facts) {
    List<StopgapDdlParser.Parsed> parsed = StopgapDdlParser.parseEach(sql);
    SessionContext ctx = parsed.size() > 1 ? session.withMultiStatementQuery(true) : session;
    List<StatementResult> out = new ArrayList<>();
    for (StopgapDdlParser.Parsed p : parsed) {
      if (p.statement().isEmpty()) {
        out.add(new StatementResult.NotUnderstood(p.text(), p.error().orElse("not understood")));
        continue;
      }
      StatementResult.Judged r = analyze(p.statement().get(), p.text(), ctx, facts);
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

package dev.drawbridge.gateway.plan;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.plan.StagedPlanner;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.risk.RiskAnalyzer;
import dev.drawbridge.policy.risk.Verdict;
import dev.drawbridge.policy.risk.model.DdlFrontEnd;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges the statements of one migration file in order, the way {@code psql -f} runs them. A thin
 * adapter: the file is lexed once (the facts source needs its statements), the {@link PolicyEngine}
 * judges them all with psql's transaction semantics and the session settings the file makes ({@link
 * PolicyEngine#analyzeScript}), and each result becomes a {@link PlannedStatement} for the
 * renderers. Pure apart from the facts it is given.
 */
public final class PlanRunner {

  /** Supplies the catalog facts for a file's statements (a facts file, or a live database). */
  @FunctionalInterface
  public interface FactsSource {
    CatalogFacts factsFor(List<ClassifiedStatement> statements) throws Exception;
  }

  private final SqlAnalyzer analyzer = new SqlAnalyzer();
  private final PolicyEngine engine;

  public PlanRunner() {
    this(DdlFrontEnd.calcite());
  }

  public PlanRunner(DdlFrontEnd frontEnd) {
    this.engine = new PolicyEngine(frontEnd, new RiskAnalyzer(), new StagedPlanner(), analyzer);
  }

  /**
   * Judges every statement of {@code text}.
   *
   * @param singleTransaction run the whole file as one transaction (psql -1, most migration tools)
   */
  public List<PlannedStatement> run(
      String source, String text, FactsSource factsSource, boolean singleTransaction)
      throws Exception {
    Analysis analysis = analyzer.analyze(text);
    if (analysis instanceof Analysis.LexicalFailure f) {
      return List.of(
          new PlannedStatement(
              source,
              0,
              f.error().position().line(),
              text.strip(),
              "unknown",
              Verdict.NOT_UNDERSTOOD,
              List.of(),
              Optional.empty(),
              Optional.empty(),
              "the file cannot be lexed: " + f.error().message(),
              List.of()));
    }
    List<ClassifiedStatement> statements = ((Analysis.Statements) analysis).statements();
    CatalogFacts facts = factsSource.factsFor(statements);
    List<StatementResult> results =
        engine
            .analyzeScript(statements, SessionContext.autocommit(), facts, singleTransaction)
            .results();
    List<PlannedStatement> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      out.add(planned(source, statements.get(i), results.get(i)));
    }
    return out;
  }

  private static PlannedStatement planned(
      String source, ClassifiedStatement st, StatementResult r) {
    Optional<StagedPlan> plan = Optional.empty();
    Optional<String> fingerprint = Optional.empty();
    List<String> notes = List.of();
    switch (r) {
      case StatementResult.Judged j -> {
        plan = Optional.of(j.plan());
        fingerprint = Optional.of(j.fingerprint());
        notes = j.report().notes();
      }
      case StatementResult.Classified c -> notes = c.notes();
      case StatementResult.NotUnderstood n -> {}
    }
    return new PlannedStatement(
        source,
        st.index(),
        st.position().line(),
        st.text(),
        st.statementClass().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        r.verdict(),
        r.findings(),
        plan,
        fingerprint,
        r.explanation(),
        notes);
  }
}

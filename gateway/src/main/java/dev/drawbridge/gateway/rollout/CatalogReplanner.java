package dev.drawbridge.gateway.rollout;

import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-plans through the policy engine, with catalog facts read over the DDL pool, as the gate judges
 * a statement sent in its own query outside a transaction block.
 */
public final class CatalogReplanner implements Replanner {

  private final DdlConnections ddl;
  private final PolicyEngine engine;
  private final CatalogInspector inspector;
  private final SqlAnalyzer lexer = new SqlAnalyzer();

  public CatalogReplanner(DdlConnections ddl, PolicyEngine engine, CatalogInspector inspector) {
    this.ddl = Objects.requireNonNull(ddl, "ddl");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  @Override
  public StatementResult.Judged replan(String database, String statement) throws SQLException {
    Analysis analysis = lexer.analyze(statement);
    if (!(analysis instanceof Analysis.Statements s) || s.statements().size() != 1) {
      throw new IllegalArgumentException("the approved text is not exactly one statement");
    }
    ClassifiedStatement st = s.statements().getFirst();
    CatalogFacts facts;
    try (Connection c = ddl.open(database)) {
      facts = inspector.inspect(c, ObjectReferences.of(st), Optional.empty()).toFacts();
    }
    StatementResult r =
        engine
            .analyzeClassified(List.of(st), SessionContext.autocommit(), facts)
            .results()
            .getFirst();
    if (r instanceof StatementResult.Judged j) {
      return j;
    }
    throw new IllegalArgumentException(
        "the statement is no schema change the engine plans: " + r.explanation());
  }
}

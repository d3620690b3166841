package dev.drawbridge.gateway.truth;

import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.risk.model.DdlFrontEnd;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Runs one statement on a real server inside BEGIN ... ROLLBACK and records what it did to a table
 * (relfilenode changed = rewrite; {@code pg_stat_get_xact_numscans} grew = scan), and asks the
 * policy what it predicts from the facts the catalog inspector collects on the same connection.
 */
final class TruthHarness {

  /** What the server did. */
  record Observed(boolean rewrite, boolean scan, long scans, long fileBefore, long fileAfter) {
    @Override
    public String toString() {
      return "rewrite="
          + rewrite
          + " scan="
          + scan
          + " (relfilenode "
          + fileBefore
          + "->"
          + fileAfter
          + ", seq scans "
          + scans
          + ")";
    }
  }

  /** What the policy predicted. */
  record Predicted(boolean rewrite, boolean scan, String rules) {
    @Override
    public String toString() {
      return "rewrite=" + rewrite + " scan=" + scan + " [" + rules + "]";
    }
  }

  private final SqlAnalyzer sql = new SqlAnalyzer();
  private final PolicyEngine engine = new PolicyEngine();
  private final CatalogInspector inspector = new CatalogInspector();

  StatementResult.Judged judge(Connection c, String statement) throws SQLException {
    Analysis a = sql.analyze(statement);
    if (!(a instanceof Analysis.Statements s) || s.statements().size() != 1) {
      throw new AssertionError("not one statement: " + statement);
    }
    ClassifiedStatement st = s.statements().get(0);
    CatalogFacts facts = inspector.inspect(c, ObjectReferences.of(st), Optional.empty()).toFacts();
    DdlFrontEnd.Result parsed = DdlFrontEnd.calcite().parse(st.ddlText());
    if (parsed instanceof DdlFrontEnd.Result.Failed f) {
      throw new AssertionError("the policy does not understand " + statement + ": " + f.reason());
    }
    return engine.analyze(
        ((DdlFrontEnd.Result.Ok) parsed).statement(),
        st.text(),
        SessionContext.autocommit(),
        facts);
  }

  Predicted predict(Connection c, String statement) throws SQLException {
    StatementResult.Judged j = judge(c, statement);
    boolean rewrite = j.report().effect().rewrite();
    boolean scan = j.report().effect().scan();
    StringBuilder rules = new StringBuilder();
    for (Finding f : j.findings()) {
      rewrite |= f.rewrite();
      scan |= f.scan();
      if (!f.advisory()) {
        rules.append(rules.isEmpty() ? "" : ",").append(f.ruleId());
      }
    }
    return new Predicted(rewrite, scan, rules.toString());
  }

  Observed observe(Connection c, String table, String statement) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      long before = relfilenode(s, table);
      long scansBefore = scans(s, table);
      s.execute(statement);
      long after = relfilenode(s, table);
      long scansAfter = scans(s, table);
      return new Observed(
          before != after, scansAfter > scansBefore, scansAfter - scansBefore, before, after);
    } finally {
      c.rollback();
      c.setAutoCommit(auto);
    }
  }

  private static long relfilenode(Statement s, String table) throws SQLException {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT pg_relation_filenode(oid) FROM pg_class WHERE oid = '"
                + table
                + "'::regclass")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long scans(Statement s, String table) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("SELECT pg_stat_get_xact_numscans('" + table + "'::regclass)")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

package dev.drawbridge.gateway.truth;

import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.LockLevel;
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
 * (relfilenode changed = rewrite; {@code pg_stat_get_xact_numscans} grew = scan; the strongest lock
 * this backend holds on it in {@code pg_locks}), and asks the policy what it predicts from the
 * facts the catalog inspector collects on the same connection.
 */
final class TruthHarness {

  /** What the server did. */
  record Observed(
      boolean rewrite, boolean scan, long scans, long fileBefore, long fileAfter, String lock) {
    @Override
    public String toString() {
      return "lock="
          + lock
          + " rewrite="
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
  record Predicted(boolean rewrite, boolean scan, String lock, String rules) {
    @Override
    public String toString() {
      return "lock=" + lock + " rewrite=" + rewrite + " scan=" + scan + " [" + rules + "]";
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

  Predicted predict(Connection c, String statement, String table) throws SQLException {
    StatementResult.Judged j = judge(c, statement);
    String lock =
        j.report().effect().locks().entrySet().stream()
            .filter(e -> e.getKey().name().equals(table))
            .map(e -> e.getValue().pgName())
            .findFirst()
            .orElse("none");
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
    return new Predicted(rewrite, scan, lock, rules.toString());
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
      String lock = strongestLock(s, table);
      return new Observed(
          before != after, scansAfter > scansBefore, scansAfter - scansBefore, before, after, lock);
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

  /** The strongest table lock this backend holds on {@code table}, named as the policy names it. */
  private static String strongestLock(Statement s, String table) throws SQLException {
    LockLevel strongest = null;
    try (ResultSet rs =
        s.executeQuery(
            "SELECT mode FROM pg_locks WHERE locktype = 'relation' AND pid = pg_backend_pid()"
                + " AND relation = '"
                + table
                + "'::regclass AND granted")) {
      while (rs.next()) {
        LockLevel l = lockLevel(rs.getString(1));
        strongest = strongest == null ? l : strongest.max(l);
      }
    }
    return strongest == null ? "none" : strongest.pgName();
  }

  /** "ShareRowExclusiveLock" to SHARE ROW EXCLUSIVE. */
  static LockLevel lockLevel(String mode) {
    String words = mode.replaceAll("Lock$", "").replaceAll("([a-z])([A-Z])", "$1 $2");
    for (LockLevel l : LockLevel.values()) {
      if (l.pgName().equalsIgnoreCase(words)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown lock mode " + mode);
  }

  private static long scans(Statement s, String table) throws SQLException {
    try (ResultSet rs =
        s.executeQuery("SELECT pg_stat_get_xact_numscans('" + table + "'::regclass)")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

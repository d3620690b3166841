package dev.drawbridge.gateway.plan;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.facts.SessionContext.PriorStatement;
import dev.drawbridge.policy.plan.PolicyEngine;
import dev.drawbridge.policy.plan.StatementResult;
import dev.drawbridge.policy.risk.RiskAnalyzer;
import dev.drawbridge.policy.risk.Verdict;
import dev.drawbridge.policy.risk.model.DdlFrontEnd;
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.policy.sql.StatementClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges the statements of one migration file in order, the way {@code psql -f} runs them: each in
 * autocommit unless a BEGIN opens a transaction block (or the whole file runs as one transaction).
 * Earlier statements inform later ones: tables created earlier in the file are new, statements
 * inside a block see what the block did before them, and {@code SET lock_timeout / TimeZone /
 * search_path} change the session. Split with the policy's lexer; DDL parsed by the Calcite front
 * end and judged by the {@link PolicyEngine}. Pure apart from the facts it is given.
 */
public final class PlanRunner {

  /** Supplies the catalog facts for a file's statements (a facts file, or a live database). */
  @FunctionalInterface
  public interface FactsSource {
    CatalogFacts factsFor(List<ClassifiedStatement> statements) throws Exception;
  }

  private final SqlAnalyzer analyzer = new SqlAnalyzer();
  private final DdlFrontEnd frontEnd;
  private final PolicyEngine engine;

  public PlanRunner() {
    this(DdlFrontEnd.calcite());
  }

  public PlanRunner(DdlFrontEnd frontEnd) {
    this.frontEnd = frontEnd;
    this.engine =
        new PolicyEngine(
            frontEnd, new RiskAnalyzer(), new dev.drawbridge.policy.plan.StagedPlanner());
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
    Session session = new Session(singleTransaction);
    List<PlannedStatement> out = new ArrayList<>();
    for (ClassifiedStatement st : statements) {
      out.add(judge(source, st, session, facts));
    }
    return out;
  }

  private PlannedStatement judge(
      String source, ClassifiedStatement st, Session session, CatalogFacts facts) {
    String cls = st.statementClass().name().toLowerCase(Locale.ROOT).replace('_', '-');
    int line = st.position().line();
    StatementClass c = st.statementClass();
    if (c == StatementClass.TRANSACTION) {
      session.transaction(st.command());
      return safe(source, st, cls, line, "transaction control");
    }
    if (c == StatementClass.SESSION) {
      session.set(st.text());
      return safe(source, st, cls, line, "session setting");
    }
    if (c == StatementClass.UNKNOWN) {
      return new PlannedStatement(
          source,
          st.index(),
          line,
          st.text(),
          cls,
          Verdict.NOT_UNDERSTOOD,
          List.of(),
          Optional.empty(),
          Optional.empty(),
          "Drawbridge does not recognise this statement, so it would not be forwarded.",
          List.of());
    }
    if (c != StatementClass.DDL && c != StatementClass.PROCEDURAL) {
      return safe(source, st, cls, line, "not a schema change; access rules decide on it");
    }
    DdlFrontEnd.Result parsed = frontEnd.parse(st.ddlText());
    if (parsed instanceof DdlFrontEnd.Result.Failed f) {
      StatementResult.NotUnderstood n = new StatementResult.NotUnderstood(st.text(), f.reason());
      return new PlannedStatement(
          source,
          st.index(),
          line,
          st.text(),
          cls,
          n.verdict(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          n.explanation(),
          List.of());
    }
    var statement = ((DdlFrontEnd.Result.Ok) parsed).statement();
    StatementResult.Judged j = engine.analyze(statement, st.text(), session.context(), facts);
    session.after(PolicyEngine.summarize(j.report()));
    return new PlannedStatement(
        source,
        st.index(),
        line,
        st.text(),
        cls,
        j.verdict(),
        j.findings(),
        Optional.of(j.plan()),
        Optional.of(j.fingerprint()),
        j.explanation(),
        j.report().notes());
  }

  private static PlannedStatement safe(
      String source, ClassifiedStatement st, String cls, int line, String why) {
    return new PlannedStatement(
        source,
        st.index(),
        line,
        st.text(),
        cls,
        Verdict.SAFE,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        why,
        List.of());
  }

  /** The session as the file's statements change it. */
  private static final class Session {
    private final boolean singleTransaction;
    private boolean inBlock;
    private Optional<String> timeZone = Optional.empty();
    private List<String> searchPath = SessionContext.DEFAULT_SEARCH_PATH;
    private Optional<Duration> lockTimeout = Optional.empty();
    private final List<PriorStatement> inThisTransaction = new ArrayList<>();
    private final List<PriorStatement> createdInFile = new ArrayList<>();

    Session(boolean singleTransaction) {
      this.singleTransaction = singleTransaction;
    }

    boolean inTransaction() {
      return singleTransaction || inBlock;
    }

    SessionContext context() {
      List<PriorStatement> earlier = new ArrayList<>(createdInFile);
      if (inTransaction()) {
        earlier.addAll(inThisTransaction);
      }
      return new SessionContext(inTransaction(), false, timeZone, searchPath, lockTimeout, earlier);
    }

    void after(PriorStatement p) {
      if (inTransaction()) {
        inThisTransaction.add(p);
      }
      for (String t : p.createdTables()) {
        createdInFile.add(PriorStatement.createdTable(t));
      }
    }

    void transaction(String command) {
      switch (command) {
        case "BEGIN", "START TRANSACTION" -> inBlock = true;
        case "COMMIT", "END", "ROLLBACK", "ABORT", "COMMIT PREPARED", "PREPARE TRANSACTION" -> {
          inBlock = false;
          if (!singleTransaction) {
            inThisTransaction.clear();
          }
        }
        default -> {}
      }
    }

    private static final Pattern SET =
        Pattern.compile(
            "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([a-z_.]+)\\s*(?:=|\\s+TO\\s+)\\s*(.+?)\\s*");
    private static final Pattern SET_TIME_ZONE =
        Pattern.compile("(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.+?)\\s*");

    void set(String text) {
      Matcher tz = SET_TIME_ZONE.matcher(text);
      if (tz.matches()) {
        timeZone = Optional.of(unquote(tz.group(1)));
        return;
      }
      Matcher m = SET.matcher(text);
      if (!m.matches()) {
        return;
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      String value = m.group(2);
      switch (name) {
        case "timezone" -> timeZone = Optional.of(unquote(value));
        case "search_path" ->
            searchPath =
                Arrays.stream(value.split(","))
                    .map(PlanRunner::unquote)
                    .filter(s -> !s.isEmpty() && !s.equals("$user"))
                    .toList();
        case "lock_timeout" -> lockTimeout = duration(unquote(value));
        default -> {}
      }
    }
  }

  static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2
        && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith("\"") && t.endsWith("\"")))) {
      return t.substring(1, t.length() - 1);
    }
    return t.toLowerCase(Locale.ROOT).equals(t) ? t : t.toLowerCase(Locale.ROOT);
  }

  private static final Pattern DURATION = Pattern.compile("(?i)(\\d+)\\s*(ms|s|min|h|us|d)?");

  /** A lock_timeout value as PostgreSQL reads it (milliseconds without a unit). */
  static Optional<Duration> duration(String value) {
    if (value.equalsIgnoreCase("default")) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(value.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
    return Optional.of(
        switch (unit) {
          case "us" -> Duration.ofNanos(n * 1000);
          case "s" -> Duration.ofSeconds(n);
          case "min" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofMillis(n);
        });
  }
}

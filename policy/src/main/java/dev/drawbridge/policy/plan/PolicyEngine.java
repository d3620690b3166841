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
import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.policy.sql.StatementClass;
import dev.drawbridge.policy.sql.TokenStream;
import dev.drawbridge.policy.sql.TokenType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facade the gateway and the {@code plan} command call: SQL text (one simple Query message or a
 * migration file), the session and the catalog facts in; one {@link StatementResult} per statement
 * out. Pure and thread-safe.
 *
 * <p>The text is lexed, split and classified by {@link SqlAnalyzer} (the one PostgreSQL lexer of
 * {@code dev.drawbridge.policy.sql}); then, per statement:
 *
 * <ul>
 *   <li>a lexical failure of the whole text is one {@link StatementResult.NotUnderstood} naming the
 *       position: nothing in it may be forwarded;
 *   <li>DDL goes to the {@link DdlFrontEnd} (by default the Calcite DDL parser of {@code
 *       dev.drawbridge.policy.ddl}) and is judged ({@link StatementResult.Judged}); DDL the grammar
 *       refuses is {@link StatementResult.NotUnderstood};
 *   <li>{@code DO} and {@code CREATE FUNCTION/PROCEDURE} (code whose schema changes cannot be
 *       known) are judged as opaque, which the {@code opaque-ddl} rule makes NOT_UNDERSTOOD;
 *   <li>READ, WRITE, SESSION, TRANSACTION, PRIVILEGE and ROLE_CHANGE statements are {@link
 *       StatementResult.Classified}: the schema-change rules do not apply to them;
 *   <li>other PROCEDURAL statements ({@code CALL}, {@code LOAD}, {@code COPY ... PROGRAM}) and
 *       UNKNOWN ones are {@link StatementResult.NotUnderstood} (fail closed).
 * </ul>
 *
 * <p>Transaction control moves the session along as PostgreSQL does: {@code BEGIN} opens a block;
 * {@code COMMIT}, {@code ROLLBACK} (not {@code TO SAVEPOINT}) and {@code PREPARE TRANSACTION} end
 * it, and what earlier statements did (tables they created, locks they hold) is forgotten. The
 * gateway calls {@link #analyzeQuery} once per Query message and passes {@link
 * QueryOutcome#session()} to the next call.
 */
public final class PolicyEngine {

  private final DdlFrontEnd frontEnd;
  private final RiskAnalyzer analyzer;
  private final StagedPlanner planner;
  private final SqlAnalyzer lexer;

  public PolicyEngine(
      DdlFrontEnd frontEnd, RiskAnalyzer analyzer, StagedPlanner planner, SqlAnalyzer lexer) {
    this.frontEnd = frontEnd;
    this.analyzer = analyzer;
    this.planner = planner;
    this.lexer = lexer;
  }

  /** An engine with the default lexer options ({@code standard_conforming_strings = on}). */
  public PolicyEngine(DdlFrontEnd frontEnd, RiskAnalyzer analyzer, StagedPlanner planner) {
    this(frontEnd, analyzer, planner, new SqlAnalyzer());
  }

  /** The production engine: the Calcite DDL parser, default retry policy and batch size. */
  public PolicyEngine() {
    this(DdlFrontEnd.calcite(), new RiskAnalyzer(), new StagedPlanner());
  }

  /**
   * The results of one query string and the session after it ran, for the next call.
   *
   * @param session the session after every statement ran: the transaction block state as the
   *     statements left it, with what they did remembered only while a block stays open (an
   *     implicit transaction ends with the query)
   */
  public record QueryOutcome(List<StatementResult> results, SessionContext session) {
    public QueryOutcome {
      results = List.copyOf(results);
    }
  }

  /**
   * Judges every statement of {@code sql}. Several statements in one call are one simple Query
   * message, which PostgreSQL runs as an implicit transaction (unless they include transaction
   * control): the session is marked accordingly, and each statement sees what the earlier ones did.
   */
  public List<StatementResult> analyze(String sql, SessionContext session, CatalogFacts facts) {
    return analyzeQuery(sql, session, facts).results();
  }

  /**
   * As {@link #analyze(String, SessionContext, CatalogFacts)}, with the session after the query.
   */
  public QueryOutcome analyzeQuery(String sql, SessionContext session, CatalogFacts facts) {
    Analysis analysis = lexer.analyze(sql);
    if (analysis instanceof Analysis.LexicalFailure f) {
      StatementResult r =
          new StatementResult.NotUnderstood(
              sql, "lexical error: " + f.error().message() + " at " + f.error().position());
      return new QueryOutcome(List.of(r), session);
    }
    return analyzeClassified(((Analysis.Statements) analysis).statements(), session, facts);
  }

  /**
   * Judges statements the caller already lexed and classified (the proxy does this once per Query
   * message): all statements of one query string, in order.
   */
  public QueryOutcome analyzeClassified(
      List<ClassifiedStatement> statements, SessionContext session, CatalogFacts facts) {
    SessionContext ctx = statements.size() > 1 ? session.withMultiStatementQuery(true) : session;
    List<StatementResult> out = new ArrayList<>(statements.size());
    for (ClassifiedStatement st : statements) {
      StatementResult r = analyze(st, ctx, facts);
      out.add(r);
      ctx = sessionAfter(ctx, st, r);
    }
    return new QueryOutcome(out, ctx.atQueryEnd());
  }

  /**
   * Judges the statements of one migration file the way {@code psql -f} runs it: each statement is
   * its own query (an implicit transaction of its own) unless a {@code BEGIN} opens a block; with
   * {@code singleTransaction} ({@code psql -1}, most migration tools) the whole file is one
   * transaction block, and transaction control inside it is taken to keep that block open (the
   * conservative reading). Tables created earlier in the file are new to every later statement,
   * even after their transaction committed.
   */
  public QueryOutcome analyzeScript(
      List<ClassifiedStatement> statements,
      SessionContext session,
      CatalogFacts facts,
      boolean singleTransaction) {
    boolean wrap = singleTransaction && !session.inTransactionBlock();
    SessionContext ctx = wrap ? session.beginTransactionBlock() : session;
    List<SessionContext.PriorStatement> createdInScript = new ArrayList<>();
    List<StatementResult> out = new ArrayList<>(statements.size());
    for (ClassifiedStatement st : statements) {
      List<SessionContext.PriorStatement> seen = new ArrayList<>(createdInScript);
      seen.addAll(ctx.earlierInTransaction());
      StatementResult r = analyze(st, ctx.withEarlierInTransaction(seen), facts);
      out.add(r);
      if (r instanceof StatementResult.Judged j) {
        for (String table : summarize(j.report()).createdTables()) {
          createdInScript.add(SessionContext.PriorStatement.createdTable(table));
        }
      }
      if (!(singleTransaction && st.statementClass() == StatementClass.TRANSACTION)) {
        ctx = sessionAfter(ctx, st, r);
      }
      if (!singleTransaction) {
        ctx = ctx.atQueryEnd();
      }
    }
    return new QueryOutcome(out, wrap ? ctx.endTransactionBlock(false).atQueryEnd() : ctx);
  }

  /**
   * Judges statements that were already split: the texts of one simple Query message, in order.
   * Each text is lexed again (a text holding several statements yields several results). More than
   * one statement means an implicit transaction, as PostgreSQL runs them.
   */
  public List<StatementResult> analyzeStatements(
      List<String> statements, SessionContext session, CatalogFacts facts) {
    List<Analysis> analyses = statements.stream().map(lexer::analyze).toList();
    int count = 0;
    for (Analysis a : analyses) {
      count += a instanceof Analysis.Statements s ? s.statements().size() : 1;
    }
    SessionContext ctx = count > 1 ? session.withMultiStatementQuery(true) : session;
    List<StatementResult> out = new ArrayList<>(count);
    for (Analysis a : analyses) {
      if (a instanceof Analysis.LexicalFailure f) {
        out.add(
            new StatementResult.NotUnderstood(
                f.sql(), "lexical error: " + f.error().message() + " at " + f.error().position()));
        continue;
      }
      for (ClassifiedStatement st : ((Analysis.Statements) a).statements()) {
        StatementResult r = analyze(st, ctx, facts);
        out.add(r);
        ctx = sessionAfter(ctx, st, r);
      }
    }
    return out;
  }

  /** Judges one classified statement in the given session (which this does not advance). */
  public StatementResult analyze(
      ClassifiedStatement st, SessionContext session, CatalogFacts facts) {
    String text = st.text();
    StatementClass c = st.statementClass();
    if (isOpaqueCode(st)) {
      String keyword = st.command().substring(st.command().lastIndexOf(' ') + 1);
      return analyze(new DdlStatement.Opaque(keyword), text, session, facts);
    }
    switch (c) {
      case DDL -> {
        DdlFrontEnd.Result parsed = frontEnd.parse(st.ddlText());
        if (parsed instanceof DdlFrontEnd.Result.Ok ok) {
          return analyze(ok.statement(), text, session, facts);
        }
        return new StatementResult.NotUnderstood(
            text,
            ((DdlFrontEnd.Result.Failed) parsed).reason()
                + " (in the statement starting at "
                + st.position()
                + ")");
      }
      case PROCEDURAL, UNKNOWN -> {
        return new StatementResult.NotUnderstood(
            text,
            (c == StatementClass.PROCEDURAL
                    ? st.command() + " runs code the gateway cannot see"
                    : "statement not recognised")
                + " at "
                + st.position());
      }
      default -> {
        if (st.hasOpaqueBody()) {
          return new StatementResult.NotUnderstood(
              text,
              st.command() + " carries a body the gateway does not judge at " + st.position());
        }
        List<String> notes = new ArrayList<>();
        Set<String> held = session.exclusiveLocksHeld();
        if ((c == StatementClass.WRITE || c == StatementClass.READ) && !held.isEmpty()) {
          notes.add(
              "Earlier statements of this transaction hold ACCESS EXCLUSIVE on "
                  + String.join(", ", held)
                  + " until it ends; every other session touching them waits that long.");
        }
        return new StatementResult.Classified(text, c, st.command(), notes);
      }
    }
  }

  /** DO and CREATE [OR REPLACE] FUNCTION/PROCEDURE: code the rules cannot see into. */
  private static boolean isOpaqueCode(ClassifiedStatement st) {
    String cmd = st.command();
    return st.hasOpaqueBody()
        && (cmd.equals("DO")
            || (cmd.startsWith("CREATE")
                && (cmd.endsWith(" FUNCTION") || cmd.endsWith(" PROCEDURE"))));
  }

  /** Judges one already-parsed statement (the entry point for the DDL parser adapter). */
  public StatementResult.Judged analyze(
      DdlStatement statement, String sql, SessionContext session, CatalogFacts facts) {
    RiskReport report = analyzer.analyze(statement, session, facts);
    StagedPlan plan = planner.plan(report, session, facts);
    return new StatementResult.Judged(sql, report, plan, Fingerprint.of(statement, plan));
  }

  /**
   * The session after {@code statement} ran with {@code result}: a judged statement is remembered
   * for the rest of the transaction ({@link #summarize}); transaction control opens or ends the
   * block. For callers that judge statement by statement; {@link #analyzeQuery} does this itself.
   */
  public static SessionContext sessionAfter(
      SessionContext before, ClassifiedStatement statement, StatementResult result) {
    if (result instanceof StatementResult.Judged j) {
      return before.after(summarize(j.report()));
    }
    if (statement.statementClass() == StatementClass.SESSION) {
      return afterSet(before, statement);
    }
    if (statement.statementClass() != StatementClass.TRANSACTION) {
      return before;
    }
    List<String> words = words(statement);
    String first = words.isEmpty() ? "" : words.getFirst();
    String second = words.size() > 1 ? words.get(1) : "";
    switch (first) {
      case "BEGIN", "START" -> {
        return before.beginTransactionBlock();
      }
      case "COMMIT", "END", "ROLLBACK", "ABORT" -> {
        if (second.equals("PREPARED")) {
          return before; // finishes another, prepared transaction
        }
        if (first.equals("ROLLBACK") || first.equals("ABORT")) {
          int to = second.equals("WORK") || second.equals("TRANSACTION") ? 2 : 1;
          if (words.size() > to && words.get(to).equals("TO")) {
            return before; // ROLLBACK TO SAVEPOINT: the transaction goes on (kept conservatively)
          }
        }
        boolean chain =
            words.size() >= 2
                && words.getLast().equals("CHAIN")
                && !words.get(words.size() - 2).equals("NO");
        return before.endTransactionBlock(chain, first.equals("ROLLBACK") || first.equals("ABORT"));
      }
      case "PREPARE" -> {
        return before.endTransactionBlock(false);
      }
      default -> {
        return before; // SAVEPOINT, RELEASE, SET TRANSACTION, SET CONSTRAINTS
      }
    }
  }

  /**
   * The session after {@code SET [SESSION | LOCAL] name {TO | =} value} or {@code SET TIME ZONE
   * value}, for the settings that change what DDL does: TimeZone, search_path and lock_timeout.
   * Read from the lexer's tokens, so quoting, comments and case are PostgreSQL's. {@code SET LOCAL}
   * outside a transaction has no effect (PostgreSQL only warns); its reset when the block ends is
   * not modelled. Other settings, other SESSION statements ({@code RESET}, {@code SET ROLE}) and
   * values this does not read leave the session as it was.
   */
  private static SessionContext afterSet(SessionContext before, ClassifiedStatement st) {
    TokenStream tokens = st.tokens();
    int t = st.span().firstToken();
    int end = st.span().endToken();
    while (end > t && tokens.type(end - 1) == TokenType.SEMICOLON) {
      end--;
    }
    if (t >= end || !word(tokens, t, "SET")) {
      return before;
    }
    t++;
    boolean local = false;
    if (t < end && word(tokens, t, "LOCAL")) {
      local = true;
      t++;
    } else if (t < end && word(tokens, t, "SESSION")) {
      t++;
    }
    if (local && !before.inTransactionBlock() && !before.multiStatementQuery()) {
      return before;
    }
    String name;
    if (t + 1 < end && word(tokens, t, "TIME") && word(tokens, t + 1, "ZONE")) {
      name = "timezone";
      t += 2;
    } else if (t + 1 < end
        && tokens.type(t).isIdentifier()
        && (word(tokens, t + 1, "TO") || tokens.text(t + 1).equals("="))) {
      name = tokens.identifier(t);
      t += 2;
    } else {
      return before;
    }
    List<String> values = new ArrayList<>();
    boolean isDefault = t + 1 == end && (word(tokens, t, "DEFAULT") || word(tokens, t, "LOCAL"));
    for (int i = t; i < end; i++) {
      boolean last = i + 1 == end;
      if (!last && tokens.type(i + 1) != TokenType.COMMA) {
        return before; // INTERVAL '...', signed numbers and the like: not read
      }
      TokenType type = tokens.type(i);
      if (type.isString()) {
        values.add(tokens.stringValue(i));
      } else if (type.isIdentifier()) {
        values.add(tokens.identifier(i));
      } else if (type == TokenType.INTEGER || type == TokenType.NUMERIC) {
        values.add(tokens.text(i));
      } else {
        return before;
      }
      i++; // the comma
    }
    boolean isLocal = local;
    java.util.function.UnaryOperator<SessionContext> set =
        changed -> before.afterSet(name, changed, isLocal);
    switch (name) {
      case "timezone" -> {
        if (isDefault) {
          return set.apply(before.resetTimeZone());
        }
        return values.size() == 1 ? set.apply(before.withTimeZone(values.getFirst())) : before;
      }
      case "search_path" -> {
        if (isDefault && word(tokens, t, "DEFAULT")) {
          return set.apply(before.withSearchPath(SessionContext.DEFAULT_SEARCH_PATH));
        }
        return set.apply(
            before.withSearchPath(
                values.stream().filter(v -> !v.isEmpty() && !v.equals("$user")).toList()));
      }
      case "lock_timeout" -> {
        if (isDefault && word(tokens, t, "DEFAULT")) {
          return set.apply(before.resetLockTimeout());
        }
        if (values.size() != 1) {
          return before;
        }
        Optional<Duration> d = duration(values.getFirst());
        return d.map(x -> set.apply(before.withLockTimeout(x))).orElse(before); // refused
      }
      default -> {
        return before;
      }
    }
  }

  private static boolean word(TokenStream tokens, int i, String upper) {
    return tokens.type(i) == TokenType.IDENTIFIER
        && tokens.text(i).toUpperCase(Locale.ROOT).equals(upper);
  }

  /**
   * A time setting as PostgreSQL reads it: a number with an optional unit ({@code us}, {@code ms},
   * {@code s}, {@code min}, {@code h}, {@code d}); milliseconds without one. Empty when malformed.
   */
  static Optional<Duration> duration(String value) {
    String v = value.strip();
    int digits = 0;
    while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
      digits++;
    }
    if (digits == 0 || digits > 15) {
      return Optional.empty();
    }
    long n = Long.parseLong(v.substring(0, digits));
    String unit = v.substring(digits).strip();
    return switch (unit) {
      case "us" -> Optional.of(Duration.ofNanos(n * 1000));
      case "", "ms" -> Optional.of(Duration.ofMillis(n));
      case "s" -> Optional.of(Duration.ofSeconds(n));
      case "min" -> Optional.of(Duration.ofMinutes(n));
      case "h" -> Optional.of(Duration.ofHours(n));
      case "d" -> Optional.of(Duration.ofDays(n));
      default -> Optional.empty();
    };
  }

  private static List<String> words(ClassifiedStatement st) {
    List<String> out = new ArrayList<>();
    for (int t = st.span().firstToken(); t < st.span().endToken(); t++) {
      out.add(st.tokens().text(t).toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /** What a judged statement leaves behind for later statements of the same transaction. */
  public static SessionContext.PriorStatement summarize(RiskReport report) {
    DdlStatement s = report.statement();
    Set<String> created = new HashSet<>();
    Set<String> notValid = new HashSet<>();
    if (s instanceof DdlStatement.CreateTable c) {
      // As written: staging.t and t are different tables unless the search path says otherwise.
      created.add(c.table().toString());
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

package dev.drawbridge.policy.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point: lexes a query string, splits it into statements and classifies each one.
 * Immutable and thread-safe; create one per {@link LexerOptions} (the proxy keeps one for each
 * {@code standard_conforming_strings} value).
 */
public final class SqlAnalyzer {
  private final SqlLexer lexer;
  private final StatementClassifier classifier;

  /** An analyzer with {@link LexerOptions#DEFAULTS}. */
  public SqlAnalyzer() {
    this(LexerOptions.DEFAULTS);
  }

  public SqlAnalyzer(LexerOptions options) {
    this.lexer = new SqlLexer(options);
    this.classifier = new StatementClassifier();
  }

  /**
   * Analyses a whole simple-query string (or the text of one extended-protocol Parse), for a
   * session that holds no prepared statements: every {@code EXECUTE} not preceded by its {@code
   * PREPARE} in the same string is UNKNOWN.
   */
  public Analysis analyze(String sql) {
    return analyze(sql, Map.of());
  }

  /**
   * Analyses a query string for a session that holds prepared statements.
   *
   * @param prepared the class of each prepared statement the session holds, by name. SQL {@code
   *     PREPARE} and protocol-level named statements share one namespace in PostgreSQL, so the
   *     proxy records both. A {@code PREPARE} or {@code DEALLOCATE} earlier in the same string is
   *     taken into account for later statements; the map itself is not changed.
   */
  public Analysis analyze(String sql, Map<String, StatementClass> prepared) {
    TokenStream tokens;
    try {
      tokens = lexer.lex(sql);
    } catch (LexicalException e) {
      return new Analysis.LexicalFailure(sql, e.error());
    }
    List<StatementSpan> spans = StatementSplitter.split(tokens);
    List<ClassifiedStatement> out = new ArrayList<>(spans.size());
    Map<String, StatementClass> known = prepared;
    for (StatementSpan span : spans) {
      ClassifiedStatement st = classifier.classify(tokens, span, known);
      out.add(st);
      if (st.command().equals("PREPARE") || st.command().equals("DEALLOCATE")) {
        known = afterPrepareOrDeallocate(known, st);
      }
    }
    return new Analysis.Statements(sql, out);
  }

  private static Map<String, StatementClass> afterPrepareOrDeallocate(
      Map<String, StatementClass> known, ClassifiedStatement st) {
    Map<String, StatementClass> next = new HashMap<>(known);
    if (st.command().equals("PREPARE")) {
      st.preparedStatementName().ifPresent(name -> next.put(name, st.statementClass()));
      return next;
    }
    TokenStream ts = st.tokens();
    int p = st.span().firstToken() + 1;
    if (ts.isKeyword(p, Keyword.PREPARE)) {
      p++;
    }
    if (ts.isKeyword(p, Keyword.ALL)) {
      next.clear();
    } else if (p < st.span().endToken() && ts.type(p).isIdentifier()) {
      next.remove(ts.identifier(p));
    }
    return next;
  }
}

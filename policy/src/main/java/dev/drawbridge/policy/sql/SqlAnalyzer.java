package dev.drawbridge.policy.sql;

import java.util.ArrayList;
import java.util.List;

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

  /** Analyses a whole simple-query string (or the text of one extended-protocol Parse). */
  public Analysis analyze(String sql) {
    TokenStream tokens;
    try {
      tokens = lexer.lex(sql);
    } catch (LexicalException e) {
      return new Analysis.LexicalFailure(sql, e.error());
    }
    List<StatementSpan> spans = StatementSplitter.split(tokens);
    List<ClassifiedStatement> out = new ArrayList<>(spans.size());
    for (StatementSpan span : spans) {
      out.add(classifier.classify(tokens, span));
    }
    return new Analysis.Statements(sql, out);
  }
}

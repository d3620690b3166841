package dev.drawbridge.policy.sql;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One statement with its class and the facts later stages need. Immutable; text-valued facts are
 * computed on demand from the shared source.
 */
public final class ClassifiedStatement {
  private final TokenStream tokens;
  private final StatementSpan span;
  private final StatementClass statementClass;
  private final String command;
  private final List<ObjectName> targets;
  private final boolean referencesSetConfig;
  private final int parameterCount;
  private final String preparedStatementName;
  private final boolean opaqueBody;
  private final int features;
  private final List<String> sideEffectFunctions;

  ClassifiedStatement(
      TokenStream tokens,
      StatementSpan span,
      StatementClass statementClass,
      String command,
      List<ObjectName> targets,
      boolean referencesSetConfig,
      int parameterCount,
      String preparedStatementName,
      boolean opaqueBody,
      int features,
      List<String> sideEffectFunctions) {
    this.tokens = tokens;
    this.span = span;
    this.statementClass = statementClass;
    this.command = command;
    this.targets = targets;
    this.referencesSetConfig = referencesSetConfig;
    this.parameterCount = parameterCount;
    this.preparedStatementName = preparedStatementName;
    this.opaqueBody = opaqueBody;
    this.features = features;
    this.sideEffectFunctions = sideEffectFunctions;
  }

  /** Zero-based index among the statements of the query string. */
  public int index() {
    return span.index();
  }

  /** The class access rules decide on. */
  public StatementClass statementClass() {
    return statementClass;
  }

  /**
   * The leading key words naming the command, upper case, e.g. {@code SELECT}, {@code CREATE
   * INDEX}, {@code ALTER DEFAULT PRIVILEGES}, {@code SET ROLE}. For EXPLAIN, PREPARE and DECLARE it
   * is the outer command; the class comes from the inner statement where that one executes.
   */
  public String command() {
    return command;
  }

  /**
   * Relations and objects the statement writes or changes, where cheap to find: the target of
   * INSERT/UPDATE/DELETE/MERGE (also inside CTEs), {@code SELECT INTO}'s new table, {@code COPY ...
   * FROM}'s table, and for DDL the object named after the object type (and the table after {@code
   * ON} for indexes, triggers, rules and policies). Not a complete list of what is touched.
   */
  public List<ObjectName> targets() {
    return targets;
  }

  /** Whether the statement calls a function named {@code set_config} (with any qualification). */
  public boolean referencesSetConfig() {
    return referencesSetConfig;
  }

  /** The highest {@code $n} in the statement (the number of parameters it needs), 0 if none. */
  public int parameterCount() {
    return parameterCount;
  }

  /**
   * For {@code PREPARE name AS ...} and {@code EXECUTE name}: the prepared statement's name. The
   * session layer can remember the class of a PREPARE and use it for a later EXECUTE, which this
   * classifier, seeing one string, calls {@code UNKNOWN}.
   */
  public Optional<String> preparedStatementName() {
    return Optional.ofNullable(preparedStatementName);
  }

  /**
   * Built-in functions with side effects the statement calls (e.g. {@code nextval}, {@code
   * pg_terminate_backend}, {@code pg_read_file}); a query calling one is classified by the
   * strongest effect rather than as READ. User-defined functions are not known here.
   */
  public List<String> sideEffectFunctions() {
    return sideEffectFunctions;
  }

  /** Whether the statement carries code the classifier does not judge (DO, routine bodies). */
  public boolean hasOpaqueBody() {
    return opaqueBody;
  }

  /** The lexical constructs the statement uses. */
  public Set<LexicalFeature> lexicalFeatures() {
    EnumSet<LexicalFeature> set = EnumSet.noneOf(LexicalFeature.class);
    for (LexicalFeature f : LexicalFeature.values()) {
      if ((features & (1 << f.ordinal())) != 0) {
        set.add(f);
      }
    }
    if (hasComment()) {
      set.add(LexicalFeature.COMMENT);
    }
    return set;
  }

  private boolean hasComment() {
    char[] s = tokens.chars();
    for (int t = span.firstToken(); t + 1 < span.endToken(); t++) {
      for (int k = tokens.end(t); k < tokens.start(t + 1); k++) {
        if (!Literals.isSpace(s[k])) {
          return true;
        }
      }
    }
    return false;
  }

  /** Offset of the statement's first token in the query string. */
  public int startOffset() {
    return span.startOffset();
  }

  /** Offset just past the statement's last token. */
  public int endOffset() {
    return span.endOffset();
  }

  /** Where the statement starts (line and column of its first token). */
  public SourcePosition position() {
    return tokens.positionOf(span.startOffset());
  }

  /** The span the splitter cut. */
  public StatementSpan span() {
    return span;
  }

  /** The tokens of the whole query string; this statement owns {@code span().firstToken()..}. */
  public TokenStream tokens() {
    return tokens;
  }

  /** The statement's text, from its first token to its last, without the semicolon. */
  public String text() {
    return tokens.source().substring(span.startOffset(), span.endOffset());
  }

  /**
   * The statement's text with every comment replaced by spaces (newlines kept), so offsets in it
   * match {@link #text()}. This is what to hand to the DDL parser, whose lexer does not know
   * PostgreSQL's nested comments; check {@link #lexicalFeatures()} for other constructs it may not
   * read.
   */
  public String ddlText() {
    char[] s = tokens.chars();
    int base = span.startOffset();
    char[] out = new char[span.endOffset() - base];
    System.arraycopy(s, base, out, 0, out.length);
    for (int t = span.firstToken(); t + 1 < span.endToken(); t++) {
      for (int k = tokens.end(t); k < tokens.start(t + 1); k++) {
        if (s[k] != '\n' && s[k] != '\r') {
          out[k - base] = ' ';
        }
      }
    }
    return new String(out);
  }

  @Override
  public String toString() {
    return "#" + index() + " " + statementClass + " " + command + " " + targets;
  }
}

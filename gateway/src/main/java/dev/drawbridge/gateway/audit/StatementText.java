package dev.drawbridge.gateway.audit;

import dev.drawbridge.policy.sql.Analysis;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import dev.drawbridge.policy.sql.LexicalException;
import dev.drawbridge.policy.sql.ObjectName;
import dev.drawbridge.policy.sql.SqlAnalyzer;
import dev.drawbridge.policy.sql.SqlLexer;
import dev.drawbridge.policy.sql.StatementClass;
import dev.drawbridge.policy.sql.TokenStream;
import dev.drawbridge.policy.sql.TokenType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the audit keeps of a statement's SQL: the text with literals replaced by {@code ?} (unless
 * the configuration keeps them), a fingerprint over the literal-free text, the statement class and
 * the tables it targets. Runs on the writer thread; never on an event loop.
 *
 * @param text the text as recorded
 * @param fingerprint first 16 hex digits of SHA-256 over the literal-free, whitespace-normalized
 *     text: equal for the same statement with other values
 * @param statementClass the most sensitive class among its statements
 * @param tables the tables it writes or changes
 */
public record StatementText(
    String text, String fingerprint, StatementClass statementClass, List<String> tables) {

  private static final SqlLexer LEXER = new SqlLexer();
  private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

  /**
   * @param sql the statement as the client sent it
   * @param redactLiterals replace literals with {@code ?} in the recorded text
   */
  public static StatementText of(String sql, boolean redactLiterals) {
    TokenStream tokens;
    try {
      tokens = LEXER.lex(sql);
    } catch (LexicalException e) {
      // not lexable: keep nothing of its values
      String shown = redactLiterals ? "(not lexable: " + sql.length() + " characters)" : sql;
      return new StatementText(shown, sha256(sql), StatementClass.UNKNOWN, List.of());
    }
    String normalized = join(tokens, true);
    String shown = redactLiterals ? normalized : join(tokens, false);
    StatementClass cls = StatementClass.UNKNOWN;
    Set<String> tables = new LinkedHashSet<>();
    Analysis analysis = ANALYZER.analyze(sql, Map.of());
    if (analysis instanceof Analysis.Statements s) {
      int best = -1;
      for (ClassifiedStatement st : s.statements()) {
        int r = rank(st.statementClass());
        if (r > best) {
          best = r;
          cls = st.statementClass();
        }
        for (ObjectName n : st.targets()) {
          tables.add(n.toString());
        }
      }
    }
    return new StatementText(shown, sha256(normalized), cls, new ArrayList<>(tables));
  }

  /** How much a class matters to security: the highest one names a multi-statement query. */
  public static int rank(StatementClass c) {
    return switch (c) {
      case ROLE_CHANGE -> 8;
      case PRIVILEGE -> 7;
      case DDL -> 6;
      case UNKNOWN -> 5;
      case PROCEDURAL -> 4;
      case WRITE, MAINTENANCE -> 3;
      case READ -> 2;
      case SESSION -> 1;
      case TRANSACTION -> 0;
    };
  }

  private static String join(TokenStream tokens, boolean redact) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      TokenType t = tokens.type(i);
      if (i > 0) {
        out.append(' ');
      }
      if (redact && (t.isString() || t == TokenType.INTEGER || t == TokenType.NUMERIC)) {
        out.append('?');
      } else if (t == TokenType.IDENTIFIER && tokens.keyword(i) != null) {
        out.append(tokens.text(i).toUpperCase(java.util.Locale.ROOT));
      } else {
        out.append(tokens.text(i));
      }
    }
    return out.toString();
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

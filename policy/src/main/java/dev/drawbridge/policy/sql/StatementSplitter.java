package dev.drawbridge.policy.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a token stream into statements at top-level semicolons, the way PostgreSQL's grammar reads a
 * multi-statement simple-query string. Semicolons inside strings, comments and dollar quotes are
 * not tokens at all; semicolons inside a SQL-standard routine body ({@code CREATE [OR REPLACE]
 * FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END}) do not end the statement. Empty statements are
 * dropped, as the server drops them.
 *
 * <p>Elsewhere a semicolon inside parentheses does end a statement here, except in {@code CREATE
 * RULE ... DO (action; action)}. PostgreSQL rejects such input as a syntax error; cutting there
 * makes the pieces unbalanced and so more likely to be refused, which is the safe direction.
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  /** The non-empty statements of {@code tokens}, in order. */
  public static List<StatementSpan> split(TokenStream tokens) {
    List<StatementSpan> out = new ArrayList<>(2);
    int n = tokens.size();
    int first = 0;
    while (first < n) {
      if (tokens.is(first, TokenType.SEMICOLON)) {
        first++;
        continue;
      }
      boolean routine = isRoutineDefinition(tokens, first);
      boolean rule = isRuleDefinition(tokens, first);
      int depth = 0;
      int block = 0;
      int i = first;
      for (; i < n; i++) {
        TokenType t = tokens.type(i);
        if (t == TokenType.SEMICOLON && block == 0 && (!rule || depth <= 0)) {
          break;
        }
        if (rule) {
          if (t == TokenType.LEFT_PAREN) {
            depth++;
          } else if (t == TokenType.RIGHT_PAREN) {
            depth--;
          }
          continue;
        }
        if (!routine) {
          continue;
        }
        if (t == TokenType.LEFT_PAREN) {
          depth++;
        } else if (t == TokenType.RIGHT_PAREN) {
          depth--;
        } else if (t == TokenType.IDENTIFIER) {
          Keyword k = tokens.keyword(i);
          if (k == Keyword.BEGIN && depth == 0 && tokens.isKeyword(i + 1, Keyword.ATOMIC)) {
            block++;
            i++;
          } else if (block > 0 && k == Keyword.CASE) {
            block++;
          } else if (block > 0 && k == Keyword.END) {
            block--;
          }
        }
      }
      out.add(
          new StatementSpan(
              out.size(), first, i, tokens.start(first), tokens.end(i - 1), block > 0));
      first = i + 1;
    }
    return out;
  }

  /**
   * {@code CREATE [OR REPLACE] RULE} at {@code i}: its multi-action form {@code DO (a; b)} has
   * semicolons inside parentheses.
   */
  static boolean isRuleDefinition(TokenStream tokens, int i) {
    if (!tokens.isKeyword(i, Keyword.CREATE)) {
      return false;
    }
    int p = i + 1;
    if (tokens.isKeyword(p, Keyword.OR) && tokens.isKeyword(p + 1, Keyword.REPLACE)) {
      p += 2;
    }
    return tokens.isKeyword(p, Keyword.RULE);
  }

  /** {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} at {@code i}. */
  static boolean isRoutineDefinition(TokenStream tokens, int i) {
    if (!tokens.isKeyword(i, Keyword.CREATE)) {
      return false;
    }
    int p = i + 1;
    if (tokens.isKeyword(p, Keyword.OR) && tokens.isKeyword(p + 1, Keyword.REPLACE)) {
      p += 2;
    }
    return tokens.isKeyword(p, Keyword.FUNCTION) || tokens.isKeyword(p, Keyword.PROCEDURE);
  }
}

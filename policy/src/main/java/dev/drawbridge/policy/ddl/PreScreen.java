package dev.drawbridge.policy.ddl;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A linear scan before the generated parser for what Calcite's lexer reads differently from
 * PostgreSQL's: nested block comments (PostgreSQL nests them, Calcite ends at the first {@code
 * *}{@code /}), {@code U&} literals and names (different escape rules), non-ASCII characters in
 * unquoted names (PostgreSQL folds only ASCII letters in UTF-8 databases, Calcite folds all), and
 * parenthesis nesting deep enough to exhaust the recursive parser's stack.
 */
final class PreScreen {
  private PreScreen() {}

  static DdlParseResult.@Nullable NotUnderstood check(String sql) {
    int depth = 0;
    int line = 1;
    int col = 1;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (c == '\'' || c == '"') {
        int j = QuotedText.closingQuote(sql, i);
        for (int k = i; k < Math.min(j + 1, n); k++) {
          if (sql.charAt(k) == '\n') {
            line++;
            col = 1;
          } else {
            col++;
          }
        }
        i = j + 1;
        continue;
      }
      if (c == '$' && next == '$') {
        int end = sql.indexOf("$$", i + 2);
        int j = end < 0 ? n : end + 2;
        for (int k = i; k < j; k++) {
          if (sql.charAt(k) == '\n') {
            line++;
            col = 1;
          } else {
            col++;
          }
        }
        i = j;
        continue;
      }
      if (c == '-' && next == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      if (c == '/' && next == '*') {
        int startLine = line;
        int startCol = col;
        int j = i + 2;
        col += 2;
        while (j < n && !(sql.charAt(j) == '*' && j + 1 < n && sql.charAt(j + 1) == '/')) {
          if (sql.charAt(j) == '/' && j + 1 < n && sql.charAt(j + 1) == '*') {
            return new DdlParseResult.NotUnderstood("nested comments are not supported", line, col);
          }
          if (sql.charAt(j) == '\n') {
            line++;
            col = 1;
          } else {
            col++;
          }
          j++;
        }
        if (j >= n) {
          return new DdlParseResult.NotUnderstood("unterminated comment", startLine, startCol);
        }
        col += 2;
        i = j + 2;
        continue;
      }
      if ((c == 'u' || c == 'U')
          && next == '&'
          && (i == 0
              || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
        // U&'...' and U&"..." (with UESCAPE): Calcite's decoding differs from PostgreSQL's.
        return new DdlParseResult.NotUnderstood(
            "U& literals and identifiers are not supported", line, col);
      }
      if (c == '(' || c == '[') {
        depth++;
        if (depth > DdlParser.MAX_NESTING) {
          return new DdlParseResult.NotUnderstood("statement nested too deeply", line, col);
        }
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == '\0') {
        return new DdlParseResult.NotUnderstood("NUL character", line, col);
      } else if (c > 0x7f) {
        // PostgreSQL folds only ASCII letters of unquoted names in UTF-8 databases; Calcite folds
        // every letter. Outside quotes and comments, refuse rather than guess.
        return new DdlParseResult.NotUnderstood(
            "non-ASCII characters outside quotes are not supported", line, col);
      }
      if (c == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
      i++;
    }
    return null;
  }
}

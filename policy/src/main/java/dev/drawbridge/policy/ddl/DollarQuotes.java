package dev.drawbridge.policy.ddl;

/**
 * Rewrites tagged dollar-quoted strings ({@code $tag$ … $tag$}) into standard string constants
 * before the generated parser sees the text: a JavaCC regular expression cannot match a closing tag
 * equal to the opening one. The content is kept exactly (quotes doubled; a standard string takes
 * backslashes literally, as a dollar-quoted one does), and the text is padded with spaces after the
 * constant so that positions after it stay where they were when the content has no quotes. Untagged
 * {@code $$ … $$} strings are left to the grammar. Quoted strings, quoted identifiers and comments
 * are skipped; a {@code $} inside a name ({@code a$b}) or before a digit ({@code $1}) does not
 * start a dollar quote, as in PostgreSQL's lexer. An unterminated dollar quote is left as it is
 * (the grammar then refuses it).
 */
final class DollarQuotes {
  private DollarQuotes() {}

  static String rewrite(String sql) {
    if (sql.indexOf('$') < 0) {
      return sql;
    }
    StringBuilder out = null;
    int n = sql.length();
    int copied = 0;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (c == '\'' || c == '"') {
        int j = QuotedText.closingQuote(sql, i);
        i = j + 1;
        continue;
      }
      if (c == '-' && next == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      if (c == '/' && next == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (c == '$' && (i == 0 || !identifierPart(sql.charAt(i - 1)))) {
        int tagEnd = i + 1;
        if (tagEnd < n && identifierStart(sql.charAt(tagEnd))) {
          tagEnd++;
          while (tagEnd < n && identifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
            tagEnd++;
          }
        }
        if (tagEnd < n && sql.charAt(tagEnd) == '$') {
          String delimiter = sql.substring(i, tagEnd + 1);
          int close = sql.indexOf(delimiter, tagEnd + 1);
          if (close < 0) {
            return out == null ? sql : out.append(sql, copied, n).toString();
          }
          if (delimiter.length() > 2) {
            String body = sql.substring(tagEnd + 1, close);
            String constant = "'" + body.replace("'", "''") + "'";
            int original = close + delimiter.length() - i;
            if (out == null) {
              out = new StringBuilder(n + 16);
            }
            out.append(sql, copied, i).append(constant);
            out.append(" ".repeat(Math.max(0, original - constant.length())));
            copied = close + delimiter.length();
          }
          i = close + delimiter.length();
          continue;
        }
      }
      i++;
    }
    return out == null ? sql : out.append(sql, copied, n).toString();
  }

  private static boolean identifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
  }

  private static boolean identifierPart(char c) {
    return identifierStart(c) || (c >= '0' && c <= '9') || c == '$';
  }
}

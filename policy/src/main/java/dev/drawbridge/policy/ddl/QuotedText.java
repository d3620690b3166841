package dev.drawbridge.policy.ddl;

/** Where a quoted string or identifier in SQL text ends, for the scans done before parsing. */
final class QuotedText {

  private QuotedText() {}

  /**
   * The index of the quote that closes the string or identifier opened at {@code open} ({@code ''}
   * and {@code ""} are escapes; in {@code E'…'} a backslash escapes the next character), or {@code
   * sql.length()} when it is never closed.
   */
  static int closingQuote(String sql, int open) {
    char quote = sql.charAt(open);
    boolean escapes =
        quote == '\'' && open > 0 && (sql.charAt(open - 1) == 'e' || sql.charAt(open - 1) == 'E');
    int n = sql.length();
    int j = open + 1;
    while (j < n) {
      char d = sql.charAt(j);
      if (escapes && d == '\\') {
        j += 2;
        continue;
      }
      if (d == quote) {
        if (j + 1 < n && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        break;
      }
      j++;
    }
    return Math.min(j, n);
  }
}

package dev.drawbridge.policy.sql;

/**
 * A place in the query text.
 *
 * @param offset zero-based character offset
 * @param line one-based line number (lines end at {@code \n})
 * @param column one-based character column within the line
 */
public record SourcePosition(int offset, int line, int column) {

  /** Computes the position of {@code offset} in {@code text} by counting newlines. */
  public static SourcePosition of(CharSequence text, int offset) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(offset, text.length());
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePosition(offset, line, offset - lineStart + 1);
  }

  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}

package dev.drawbridge.policy.sql;

/**
 * The tokens of one query string, kept as parallel arrays over the source text so that lexing a
 * statement allocates a handful of arrays rather than an object per token. Token values (folded
 * identifiers, decoded strings) are computed on demand.
 */
public final class TokenStream {
  private final String source;
  private final char[] chars;
  private final int size;
  private final byte[] types;
  private final int[] starts;
  private final int[] ends;
  // keyword ordinal + 1 for identifiers, escape char for U& tokens, parameter number for $n
  private final int[] aux;
  private final int maxParameter;
  private volatile int[] lineStarts; // computed on first use; racing threads compute the same table

  TokenStream(
      String source,
      char[] chars,
      int size,
      byte[] types,
      int[] starts,
      int[] ends,
      int[] aux,
      int maxParameter) {
    this.source = source;
    this.chars = chars;
    this.size = size;
    this.types = types;
    this.starts = starts;
    this.ends = ends;
    this.aux = aux;
    this.maxParameter = maxParameter;
  }

  /** The text that was lexed. */
  public String source() {
    return source;
  }

  char[] chars() {
    return chars;
  }

  /** The number of tokens. */
  public int size() {
    return size;
  }

  /** The type of token {@code i}. */
  public TokenType type(int i) {
    return TokenType.of(types[check(i)]);
  }

  boolean is(int i, TokenType t) {
    return i < size && types[i] == t.ordinal();
  }

  /** Offset of the first character of token {@code i}. */
  public int start(int i) {
    return starts[check(i)];
  }

  /** Offset just past the last character of token {@code i} (including a {@code UESCAPE}). */
  public int end(int i) {
    return ends[check(i)];
  }

  /** The source text of token {@code i}, exactly as written. */
  public String text(int i) {
    return source.substring(starts[check(i)], ends[i]);
  }

  /**
   * The key word an unquoted identifier spells, or {@code null}. Quoted identifiers are never key
   * words.
   */
  public Keyword keyword(int i) {
    if (i >= size || types[i] != TokenType.IDENTIFIER.ordinal() || aux[i] == 0) {
      return null;
    }
    return Keyword.of(aux[i] - 1);
  }

  /** Whether token {@code i} exists and is the unquoted key word {@code k}. */
  public boolean isKeyword(int i, Keyword k) {
    return i >= 0
        && i < size
        && types[i] == TokenType.IDENTIFIER.ordinal()
        && aux[i] == k.ordinal() + 1;
  }

  /** The number {@code n} of a {@code $n} parameter token. */
  public int parameterNumber(int i) {
    if (types[check(i)] != TokenType.PARAMETER.ordinal()) {
      throw new IllegalArgumentException("token " + i + " is not a parameter");
    }
    return aux[i];
  }

  /** The highest {@code $n} in the whole text, 0 if none. */
  public int maxParameter() {
    return maxParameter;
  }

  /**
   * The name an identifier token stands for: unquoted names folded to lower case (ASCII only, as
   * PostgreSQL does), quoted names with {@code ""} undoubled, {@code U&} names with escapes
   * decoded. Names longer than 63 UTF-8 bytes are truncated as PostgreSQL does (NAMEDATALEN).
   */
  public String identifier(int i) {
    TokenType t = type(i);
    String name =
        switch (t) {
          case IDENTIFIER -> Literals.fold(chars, starts[i], ends[i]);
          case QUOTED_IDENTIFIER -> Literals.quoted(chars, starts[i] + 1, '"');
          case UNICODE_IDENTIFIER -> Literals.unicode(chars, starts[i] + 3, '"', (char) aux[i]);
          default -> throw new IllegalArgumentException("token " + i + " is " + t);
        };
    return Literals.truncateName(name);
  }

  /** The value of a string-constant token, escapes decoded and continuation lines joined. */
  public String stringValue(int i) {
    TokenType t = type(i);
    int s = starts[i];
    return switch (t) {
      case STRING -> {
        int open = chars[s] == '\'' ? s : s + 1; // N'...'
        yield aux[i] == 1
            ? Literals.escaped(chars, open + 1) // standard_conforming_strings = off
            : Literals.quoted(chars, open + 1, '\'');
      }
      case ESCAPE_STRING -> Literals.escaped(chars, s + 2);
      case UNICODE_STRING -> Literals.unicode(chars, s + 3, '\'', (char) aux[i]);
      case BIT_STRING, HEX_STRING -> Literals.quoted(chars, s + 2, '\'');
      case DOLLAR_STRING -> {
        int tagEnd = source.indexOf('$', s + 1) + 1;
        int tagLength = tagEnd - s;
        yield source.substring(tagEnd, ends[i] - tagLength);
      }
      default -> throw new IllegalArgumentException("token " + i + " is " + t);
    };
  }

  /** Where token {@code i} starts. */
  public SourcePosition position(int i) {
    return positionOf(starts[check(i)]);
  }

  /** The line and column of an offset into the source. */
  public SourcePosition positionOf(int offset) {
    int[] table = lineStarts();
    int lo = 0;
    int hi = table.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (table[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return new SourcePosition(offset, lo + 1, offset - table[lo] + 1);
  }

  private int[] lineStarts() {
    int[] table = lineStarts;
    if (table == null) {
      int count = 1;
      for (char c : chars) {
        if (c == '\n') {
          count++;
        }
      }
      table = new int[count];
      int line = 1;
      for (int i = 0; i < chars.length; i++) {
        if (chars[i] == '\n') {
          table[line++] = i + 1;
        }
      }
      lineStarts = table;
    }
    return table;
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("token " + i + " of " + size);
    }
    return i;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(type(i)).append('(').append(text(i)).append(')');
    }
    return sb.toString();
  }
}

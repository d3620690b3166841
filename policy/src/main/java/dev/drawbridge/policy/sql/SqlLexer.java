package dev.drawbridge.policy.sql;

import java.util.Arrays;

/**
 * A PostgreSQL lexer following the rules of the server's {@code scan.l} (PostgreSQL 16 and later,
 * which also covers what older versions accept): nested block comments, line comments, all
 * string-constant forms and their continuation across lines, dollar quoting, quoted and
 * Unicode-escaped identifiers, {@code $n} parameters, numbers with {@code _} separators and {@code
 * 0x}/{@code 0o}/{@code 0b} prefixes, and PostgreSQL's rules for multi-character operators.
 *
 * <p>Anything the server would reject while lexing, and a few things it would turn into a syntax
 * error straight after ({@code $foo} that opens no dollar quote, stray characters), is a {@link
 * LexicalException} with the position of the offending token. Lexing is a single forward pass; its
 * time is linear in the input, which is capped by {@link LexerOptions#maxInputLength()}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SqlLexer {
  private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
  private static final String NON_MATH_OP_CHARS = "~!@#^&|`?%";

  // character classes of ASCII characters, as bit sets; everything from 0x80 is an identifier char
  private static final int SPACE = 1;
  private static final int IDENT_START = 2;
  private static final int IDENT_CONT = 4;
  private static final int DIGIT = 8;
  private static final int OP = 16;
  private static final byte[] CLASS = new byte[128];

  static {
    for (char c : new char[] {' ', '\t', '\n', '\r', '\f', 0x0b}) {
      CLASS[c] |= SPACE;
    }
    for (int c = 0; c < 128; c++) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        CLASS[c] |= IDENT_START | IDENT_CONT;
      }
      if (c >= '0' && c <= '9') {
        CLASS[c] |= DIGIT | IDENT_CONT;
      }
    }
    CLASS['$'] |= IDENT_CONT;
    for (char c : OP_CHARS.toCharArray()) {
      CLASS[c] |= OP;
    }
  }

  private final LexerOptions options;

  /** A lexer with {@link LexerOptions#DEFAULTS}. */
  public SqlLexer() {
    this(LexerOptions.DEFAULTS);
  }

  public SqlLexer(LexerOptions options) {
    this.options = options;
  }

  public LexerOptions options() {
    return options;
  }

  /**
   * Lexes the whole text.
   *
   * @throws LexicalException on input PostgreSQL would not lex, or input over the length cap
   */
  public TokenStream lex(String sql) throws LexicalException {
    if (sql.length() > options.maxInputLength()) {
      throw new LexicalException(
          new LexicalError(
              "statement text is "
                  + sql.length()
                  + " characters long, more than the limit of "
                  + options.maxInputLength(),
              new SourcePosition(options.maxInputLength(), 0, 0)));
    }
    return new Run(sql, options.standardConformingStrings()).run();
  }

  static boolean isIdentStart(char c) {
    return c >= 0x80 || (CLASS[c] & IDENT_START) != 0;
  }

  static boolean isIdentCont(char c) {
    return c >= 0x80 || (CLASS[c] & IDENT_CONT) != 0;
  }

  private static boolean isSpace(char c) {
    return c < 0x80 && (CLASS[c] & SPACE) != 0;
  }

  private static boolean isDolqCont(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isOpChar(char c) {
    return c < 0x80 && (CLASS[c] & OP) != 0;
  }

  /** One lexing pass; not thread-safe, not reused. */
  private static final class Run {
    private final String source;
    private final char[] s;
    private final int n;
    private final boolean scs;
    private byte[] types;
    private int[] starts;
    private int[] ends;
    private int[] aux;
    private int size;
    private int maxParameter;

    Run(String source, boolean scs) {
      this.source = source;
      this.s = source.toCharArray();
      this.n = s.length;
      this.scs = scs;
      int capacity = n / 3 + 8; // about one token per three characters in typical SQL
      types = new byte[capacity];
      starts = new int[capacity];
      ends = new int[capacity];
      aux = new int[capacity];
    }

    TokenStream run() throws LexicalException {
      int i = 0;
      while (i < n) {
        char c = s[i];
        if (isSpace(c)) {
          i++;
          continue;
        }
        switch (c) {
          case '-' -> {
            if (i + 1 < n && s[i + 1] == '-') {
              i = skipLineComment(i);
            } else {
              i = operator(i);
            }
          }
          case '/' -> {
            if (i + 1 < n && s[i + 1] == '*') {
              i = skipBlockComment(i);
            } else {
              i = operator(i);
            }
          }
          case '\'' -> i = standardString(i, i, TokenType.STRING);
          case '"' -> i = quotedIdentifier(i, i + 1, TokenType.QUOTED_IDENTIFIER);
          case '$' -> i = dollar(i);
          case '(' -> i = single(i, TokenType.LEFT_PAREN);
          case ')' -> i = single(i, TokenType.RIGHT_PAREN);
          case '[' -> i = single(i, TokenType.LEFT_BRACKET);
          case ']' -> i = single(i, TokenType.RIGHT_BRACKET);
          case ',' -> i = single(i, TokenType.COMMA);
          case ';' -> i = single(i, TokenType.SEMICOLON);
          case ':' -> {
            if (i + 1 < n && s[i + 1] == ':') {
              add(TokenType.TYPECAST, i, i + 2, 0);
              i += 2;
            } else if (i + 1 < n && s[i + 1] == '=') {
              add(TokenType.COLON_EQUALS, i, i + 2, 0);
              i += 2;
            } else {
              i = single(i, TokenType.COLON);
            }
          }
          case '.' -> {
            if (i + 1 < n && isDigit(s[i + 1])) {
              i = number(i);
            } else if (i + 1 < n && s[i + 1] == '.') {
              add(TokenType.DOT_DOT, i, i + 2, 0);
              i += 2;
            } else {
              i = single(i, TokenType.DOT);
            }
          }
          default -> {
            if (isDigit(c)) {
              i = number(i);
            } else if (isIdentStart(c)) {
              i = word(i);
            } else if (isOpChar(c)) {
              i = operator(i);
            } else {
              throw error("syntax error at or near \"" + c + "\"", i);
            }
          }
        }
      }
      return new TokenStream(source, s, size, types, starts, ends, aux, maxParameter);
    }

    private LexicalException error(String message, int offset) {
      return new LexicalException(new LexicalError(message, SourcePosition.of(source, offset)));
    }

    private void add(TokenType type, int start, int end, int extra) {
      if (size == types.length) {
        int capacity = size * 2;
        types = Arrays.copyOf(types, capacity);
        starts = Arrays.copyOf(starts, capacity);
        ends = Arrays.copyOf(ends, capacity);
        aux = Arrays.copyOf(aux, capacity);
      }
      types[size] = (byte) type.ordinal();
      starts[size] = start;
      ends[size] = end;
      aux[size] = extra;
      size++;
    }

    private int single(int i, TokenType type) {
      add(type, i, i + 1, 0);
      return i + 1;
    }

    private int skipLineComment(int i) {
      int j = i + 2;
      while (j < n && s[j] != '\n' && s[j] != '\r') {
        j++;
      }
      return j;
    }

    private int skipBlockComment(int i) throws LexicalException {
      int depth = 1;
      int j = i + 2;
      while (j < n) {
        char c = s[j];
        if (c == '/' && j + 1 < n && s[j + 1] == '*') {
          depth++;
          j += 2;
        } else if (c == '*' && j + 1 < n && s[j + 1] == '/') {
          depth--;
          j += 2;
          if (depth == 0) {
            return j;
          }
        } else {
          j++;
        }
      }
      throw error("unterminated /* comment", i);
    }

    /** An identifier, a key word, or one of the prefixed string forms (E'', B'', U&'' ...). */
    private int word(int i) throws LexicalException {
      char c = s[i];
      if (i + 1 < n && s[i + 1] == '\'') {
        switch (c) {
          case 'e', 'E' -> {
            return escapeString(i, i + 1);
          }
          case 'b', 'B' -> {
            return standardOnly(i, TokenType.BIT_STRING);
          }
          case 'x', 'X' -> {
            return standardOnly(i, TokenType.HEX_STRING);
          }
          case 'n', 'N' -> {
            return standardString(i, i + 1, TokenType.STRING);
          }
          default -> {}
        }
      }
      if ((c == 'u' || c == 'U') && i + 2 < n && s[i + 1] == '&') {
        if (s[i + 2] == '\'') {
          if (!scs) {
            throw error(
                "unsafe use of string constant with Unicode escapes"
                    + " (standard_conforming_strings is off)",
                i);
          }
          int end = plainQuoted(i, i + 3, '\'', "unterminated quoted string");
          return unicodeTail(i, end, TokenType.UNICODE_STRING, '\'');
        }
        if (s[i + 2] == '"') {
          int end = plainQuoted(i, i + 3, '"', "unterminated quoted identifier");
          if (end - i == 4) {
            throw error("zero-length delimited identifier", i);
          }
          return unicodeTail(i, end, TokenType.UNICODE_IDENTIFIER, '"');
        }
      }
      int j = i + 1;
      while (j < n && isIdentCont(s[j])) {
        j++;
      }
      Keyword k = Keyword.lookup(s, i, j);
      add(TokenType.IDENTIFIER, i, j, k == null ? 0 : k.ordinal() + 1);
      return j;
    }

    /**
     * Scans a quoted body whose only escape is a doubled quote, starting just after the opening
     * quote, joining continuation segments for strings. Returns the offset after the final quote.
     */
    private int plainQuoted(int tokenStart, int from, char quote, String unterminated)
        throws LexicalException {
      int j = from;
      while (true) {
        int q = indexOf(quote, j);
        if (q < 0) {
          throw error(unterminated, tokenStart);
        }
        if (q + 1 < n && s[q + 1] == quote) {
          j = q + 2;
          continue;
        }
        if (quote == '\'') {
          int next = Literals.continuation(s, q + 1);
          if (next >= 0) {
            j = next + 1;
            continue;
          }
        }
        return q + 1;
      }
    }

    private int indexOf(char c, int from) {
      for (int k = from; k < n; k++) {
        if (s[k] == c) {
          return k;
        }
      }
      return -1;
    }

    private int standardString(int tokenStart, int quote, TokenType type) throws LexicalException {
      if (!scs) {
        int end = escapedBody(tokenStart, quote + 1);
        add(type, tokenStart, end, 1);
        return end;
      }
      int end = plainQuoted(tokenStart, quote + 1, '\'', "unterminated quoted string");
      add(type, tokenStart, end, 0);
      return end;
    }

    private int standardOnly(int i, TokenType type) throws LexicalException {
      String what =
          type == TokenType.BIT_STRING
              ? "unterminated bit string literal"
              : "unterminated hexadecimal string literal";
      int end = plainQuoted(i, i + 2, '\'', what);
      add(type, i, end, 0);
      return end;
    }

    private int escapeString(int tokenStart, int quote) throws LexicalException {
      int end = escapedBody(tokenStart, quote + 1);
      add(TokenType.ESCAPE_STRING, tokenStart, end, 0);
      return end;
    }

    /** A body with backslash escapes (E'' strings, or '' with standard_conforming_strings off). */
    private int escapedBody(int tokenStart, int from) throws LexicalException {
      int j = from;
      boolean unicode = false;
      while (true) {
        if (j >= n) {
          throw error("unterminated quoted string", tokenStart);
        }
        char c = s[j];
        if (c == '\\') {
          if (j + 1 >= n) {
            throw error("unterminated quoted string", tokenStart);
          }
          char e = s[j + 1];
          if (e == 'u' || e == 'U') {
            // scan.l's xeunicodefail: fewer hex digits than the escape needs
            int need = e == 'u' ? 4 : 8;
            for (int k = 0; k < need; k++) {
              if (j + 2 + k >= n || Literals.hexDigit(s[j + 2 + k]) < 0) {
                throw error(
                    "invalid Unicode escape (Unicode escapes must be \\uXXXX or \\UXXXXXXXX)", j);
              }
            }
            unicode = true;
          }
          j += 2;
        } else if (c == '\'') {
          if (j + 1 < n && s[j + 1] == '\'') {
            j += 2;
            continue;
          }
          int next = Literals.continuation(s, j + 1);
          if (next >= 0) {
            j = next + 1;
            continue;
          }
          j++;
          break;
        } else {
          j++;
        }
      }
      if (unicode) {
        try {
          Literals.decodeEscaped(s, from);
        } catch (Literals.DecodeException e) {
          throw error(e.getMessage(), e.offset);
        }
      }
      return j;
    }

    private int quotedIdentifier(int tokenStart, int from, TokenType type) throws LexicalException {
      int end = plainQuoted(tokenStart, from, '"', "unterminated quoted identifier");
      if (end - from == 1) {
        throw error("zero-length delimited identifier", tokenStart);
      }
      add(type, tokenStart, end, 0);
      return end;
    }

    /** After a U& token ending at {@code end}: an optional {@code UESCAPE 'c'}, then checks. */
    private int unicodeTail(int tokenStart, int end, TokenType type, char quote)
        throws LexicalException {
      char escape = '\\';
      int tokenEnd = end;
      int k = skipSpaceAndComments(end);
      if (k + 7 <= n
          && Keyword.lookup(s, k, k + 7) == Keyword.UESCAPE
          && (k + 7 == n || !isIdentCont(s[k + 7]))) {
        int q = skipSpaceAndComments(k + 7);
        if (q >= n || s[q] != '\'') {
          throw error("UESCAPE must be followed by a simple string literal", k);
        }
        if (indexOf('\'', q + 1) < 0) {
          throw error("unterminated quoted string", q);
        }
        if (q + 2 >= n || s[q + 2] != '\'' || (q + 3 < n && s[q + 3] == '\'')) {
          throw error("invalid Unicode escape character", q);
        }
        escape = s[q + 1];
        if (Literals.hexDigit(escape) >= 0
            || escape == '+'
            || escape == '\''
            || escape == '"'
            || Literals.isSpace(escape)) {
          throw error("invalid Unicode escape character", q);
        }
        tokenEnd = q + 3;
      }
      try {
        Literals.decodeUnicode(s, tokenStart + 3, quote, escape);
      } catch (Literals.DecodeException e) {
        throw error(e.getMessage(), e.offset);
      }
      add(type, tokenStart, tokenEnd, escape);
      return tokenEnd;
    }

    private int skipSpaceAndComments(int from) throws LexicalException {
      int k = from;
      while (k < n) {
        char c = s[k];
        if (Literals.isSpace(c)) {
          k++;
        } else if (c == '-' && k + 1 < n && s[k + 1] == '-') {
          k = skipLineComment(k);
        } else if (c == '/' && k + 1 < n && s[k + 1] == '*') {
          k = skipBlockComment(k);
        } else {
          break;
        }
      }
      return k;
    }

    /** {@code $n}, or a dollar-quoted string, or an error. */
    private int dollar(int i) throws LexicalException {
      if (i + 1 < n && isDigit(s[i + 1])) {
        int j = i + 1;
        long value = 0;
        // parameters take plain digits only: "$1_0" is trailing junk, not $10
        while (j < n && isDigit(s[j])) {
          value = Math.min(Integer.MAX_VALUE, value * 10 + (s[j] - '0'));
          j++;
        }
        if (j < n && isIdentStart(s[j])) {
          throw error("trailing junk after parameter", i);
        }
        if (value == Integer.MAX_VALUE || value > 65535) {
          throw error("there is no parameter $" + source.substring(i + 1, j), i);
        }
        maxParameter = Math.max(maxParameter, (int) value);
        add(TokenType.PARAMETER, i, j, (int) value);
        return j;
      }
      int j = i + 1;
      if (j < n && isIdentStart(s[j])) {
        j++;
        while (j < n && isDolqCont(s[j])) {
          j++;
        }
      }
      if (j >= n || s[j] != '$') {
        throw error("syntax error at or near \"$\"", i);
      }
      int tagLength = j + 1 - i;
      int close = findTag(i, tagLength, j + 1);
      if (close < 0) {
        throw error("unterminated dollar-quoted string", i);
      }
      int end = close + tagLength;
      add(TokenType.DOLLAR_STRING, i, end, 0);
      return end;
    }

    /** The first occurrence of the tag {@code s[tag, tag+length)} at or after {@code from}. */
    private int findTag(int tag, int length, int from) {
      int last = n - length;
      for (int k = from; k <= last; k++) {
        if (s[k] != '$') {
          continue;
        }
        int m = 1;
        while (m < length && s[k + m] == s[tag + m]) {
          m++;
        }
        if (m == length) {
          return k;
        }
      }
      return -1;
    }

    private int number(int i) throws LexicalException {
      int j = i;
      TokenType type = TokenType.INTEGER;
      if (s[i] == '0' && i + 1 < n && "xXoObB".indexOf(s[i + 1]) >= 0) {
        int radix =
            switch (s[i + 1]) {
              case 'x', 'X' -> 16;
              case 'o', 'O' -> 8;
              default -> 2;
            };
        j = i + 2;
        int digits = 0;
        while (j < n) {
          int at = s[j] == '_' ? j + 1 : j;
          if (at < n && Character.digit(s[at], radix) >= 0 && s[at] < 0x80) {
            j = at + 1;
            digits++;
          } else {
            break;
          }
        }
        if (digits == 0) {
          // scan.l: "0x" / "0x_" is hexfail, unless "0" followed by a longer identifier matches
          // integer_junk (flex takes the longest match; on a tie the earlier rule, hexfail)
          int fail = i + 2 < n && s[i + 2] == '_' ? 3 : 2;
          int junk = i + 1;
          while (junk < n && isIdentCont(s[junk])) {
            junk++;
          }
          if (junk - i > fail) {
            throw error("trailing junk after numeric literal", i);
          }
          String kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
          throw error("invalid " + kind + " integer", i);
        }
      } else {
        boolean leadingDot = s[i] == '.';
        j = decimalDigits(i);
        if (leadingDot) {
          type = TokenType.NUMERIC;
        } else if (j < n && s[j] == '.' && !(j + 1 < n && s[j + 1] == '.')) {
          type = TokenType.NUMERIC;
          j++;
          if (j < n && isDigit(s[j])) {
            j = decimalDigits(j);
          }
        }
        if (j < n && (s[j] == 'e' || s[j] == 'E')) {
          int k = j + 1;
          if (k < n && (s[k] == '+' || s[k] == '-')) {
            k++;
          }
          if (k < n && isDigit(s[k])) {
            j = decimalDigits(k);
            type = TokenType.NUMERIC;
          } else {
            throw error("trailing junk after numeric literal", i);
          }
        }
      }
      if (j < n && isIdentStart(s[j])) {
        throw error("trailing junk after numeric literal", i);
      }
      add(type, i, j, 0);
      return j;
    }

    /** Decimal digits with single {@code _} separators from {@code i} (which may be a '.'). */
    private int decimalDigits(int i) {
      int j = i;
      if (s[j] == '.') {
        j++;
      }
      while (j < n) {
        if (isDigit(s[j])) {
          j++;
        } else if (s[j] == '_' && j + 1 < n && isDigit(s[j + 1]) && j > i && isDigit(s[j - 1])) {
          j++;
        } else {
          break;
        }
      }
      return j;
    }

    /** PostgreSQL's operator rule, including its special cases for trailing + and -. */
    private int operator(int i) {
      int j = i + 1;
      while (j < n && isOpChar(s[j])) {
        j++;
      }
      int length = j - i;
      // an operator never contains the start of a comment
      for (int k = i + 1; k < j - 1; k++) {
        if ((s[k] == '/' && s[k + 1] == '*') || (s[k] == '-' && s[k + 1] == '-')) {
          length = k - i;
          break;
        }
      }
      if (length > 1 && (s[i + length - 1] == '+' || s[i + length - 1] == '-')) {
        boolean mathOnly = true;
        for (int k = i; k < i + length; k++) {
          if (NON_MATH_OP_CHARS.indexOf(s[k]) >= 0) {
            mathOnly = false;
            break;
          }
        }
        if (mathOnly) {
          while (length > 1 && (s[i + length - 1] == '+' || s[i + length - 1] == '-')) {
            length--;
          }
        }
      }
      add(TokenType.OPERATOR, i, i + length, 0);
      return i + length;
    }
  }
}

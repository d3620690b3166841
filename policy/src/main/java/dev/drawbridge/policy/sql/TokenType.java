package dev.drawbridge.policy.sql;

/** The kinds of token the lexer produces; comments and whitespace produce none. */
public enum TokenType {
  /** An unquoted identifier or key word, folded to lower case as PostgreSQL does. */
  IDENTIFIER,
  /** A {@code "quoted"} identifier, {@code ""} stands for one quote. */
  QUOTED_IDENTIFIER,
  /** A {@code U&"..."} identifier, optionally followed by {@code UESCAPE 'c'}. */
  UNICODE_IDENTIFIER,
  /** A standard {@code '...'} string constant (also {@code N'...'}). */
  STRING,
  /** An {@code E'...'} string constant with backslash escapes. */
  ESCAPE_STRING,
  /** A {@code U&'...'} string constant, optionally followed by {@code UESCAPE 'c'}. */
  UNICODE_STRING,
  /** A {@code B'...'} bit-string constant. */
  BIT_STRING,
  /** An {@code X'...'} hexadecimal bit-string constant. */
  HEX_STRING,
  /** A {@code $$...$$} or {@code $tag$...$tag$} string constant. */
  DOLLAR_STRING,
  /** A positional parameter {@code $n}. */
  PARAMETER,
  /**
   * An integer constant (decimal, {@code 0x}, {@code 0o}, {@code 0b}, with {@code _} separators).
   */
  INTEGER,
  /** A numeric constant with a decimal point or exponent. */
  NUMERIC,
  /** An operator, including the one-character ones such as {@code +} and {@code =}. */
  OPERATOR,
  /** {@code ::} */
  TYPECAST,
  /** {@code ..} */
  DOT_DOT,
  /** {@code :=} */
  COLON_EQUALS,
  LEFT_PAREN,
  RIGHT_PAREN,
  LEFT_BRACKET,
  RIGHT_BRACKET,
  COMMA,
  SEMICOLON,
  COLON,
  DOT;

  private static final TokenType[] VALUES = values();

  static TokenType of(int ordinal) {
    return VALUES[ordinal];
  }

  /** Whether this token is a string constant of any kind. */
  public boolean isString() {
    return switch (this) {
      case STRING, ESCAPE_STRING, UNICODE_STRING, BIT_STRING, HEX_STRING, DOLLAR_STRING -> true;
      default -> false;
    };
  }

  /** Whether this token can name an object: an identifier, quoted or not. */
  public boolean isIdentifier() {
    return this == IDENTIFIER || this == QUOTED_IDENTIFIER || this == UNICODE_IDENTIFIER;
  }
}

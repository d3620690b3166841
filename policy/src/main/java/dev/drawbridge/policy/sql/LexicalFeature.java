package dev.drawbridge.policy.sql;

/**
 * Lexical constructs a statement uses. A later stage with a weaker lexer (the Calcite-generated DDL
 * parser) can refuse statements that use constructs it does not read correctly.
 */
public enum LexicalFeature {
  QUOTED_IDENTIFIER,
  UNICODE_IDENTIFIER,
  ESCAPE_STRING,
  UNICODE_STRING,
  BIT_STRING,
  HEX_STRING,
  DOLLAR_STRING,
  PARAMETER,
  /** A block or line comment between the statement's tokens. */
  COMMENT;

  static int bit(TokenType type) {
    return switch (type) {
      case QUOTED_IDENTIFIER -> 1 << QUOTED_IDENTIFIER.ordinal();
      case UNICODE_IDENTIFIER -> 1 << UNICODE_IDENTIFIER.ordinal();
      case ESCAPE_STRING -> 1 << ESCAPE_STRING.ordinal();
      case UNICODE_STRING -> 1 << UNICODE_STRING.ordinal();
      case BIT_STRING -> 1 << BIT_STRING.ordinal();
      case HEX_STRING -> 1 << HEX_STRING.ordinal();
      case DOLLAR_STRING -> 1 << DOLLAR_STRING.ordinal();
      case PARAMETER -> 1 << PARAMETER.ordinal();
      default -> 0;
    };
  }
}

package dev.drawbridge.policy.sql;

/**
 * Settings that change how a query string is lexed.
 *
 * @param maxInputLength the longest input accepted, in characters; longer input is a lexical error
 * @param standardConformingStrings the session's {@code standard_conforming_strings}: when off,
 *     backslashes escape inside plain {@code '...'} strings too. The proxy must pass the value the
 *     server last reported in ParameterStatus, or strings are split where the server does not.
 */
public record LexerOptions(int maxInputLength, boolean standardConformingStrings) {

  /** One mebibyte of characters. */
  public static final int DEFAULT_MAX_INPUT_LENGTH = 1 << 20;

  /** 1 MiB cap, {@code standard_conforming_strings = on} (PostgreSQL's default since 9.1). */
  public static final LexerOptions DEFAULTS = new LexerOptions(DEFAULT_MAX_INPUT_LENGTH, true);

  public LexerOptions {
    if (maxInputLength <= 0) {
      throw new IllegalArgumentException("maxInputLength must be positive, was " + maxInputLength);
    }
  }

  /** A copy with another input cap. */
  public LexerOptions withMaxInputLength(int max) {
    return new LexerOptions(max, standardConformingStrings);
  }

  /** A copy with another {@code standard_conforming_strings} setting. */
  public LexerOptions withStandardConformingStrings(boolean on) {
    return new LexerOptions(maxInputLength, on);
  }
}

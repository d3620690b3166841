package dev.drawbridge.policy.sql;

/** Thrown by {@link SqlLexer#lex} when the input is not lexically valid PostgreSQL. */
public final class LexicalException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient LexicalError error;

  LexicalException(LexicalError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  /** The error with its position. */
  public LexicalError error() {
    return error;
  }
}

package dev.drawbridge.policy.ddl.parser;

import java.io.Reader;

/**
 * The generated parser with a cheap error path. JavaCC's {@code generateParseException} re-runs
 * every recorded lookahead to list the expected tokens, which costs milliseconds on some inputs;
 * this gateway sees untrusted input and never shows that list, so a failure only records the
 * offending token, and the exception carries no stack trace.
 */
public final class CheapErrorParser extends PgDdlParserImpl {

  /** A parse failure at {@link #at}. */
  public static final class Failure extends ParseException {
    private static final long serialVersionUID = 1L;

    /** The token that could not be matched. */
    public final transient Token at;

    Failure(Token at) {
      super("unexpected token");
      this.at = at;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  public CheapErrorParser(Reader reader) {
    super(reader);
  }

  @Override
  public ParseException generateParseException() {
    Token at = token.next != null ? token.next : token;
    return new Failure(at);
  }
}

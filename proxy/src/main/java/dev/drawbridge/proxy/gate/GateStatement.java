package dev.drawbridge.proxy.gate;

/**
 * One statement as it arrived.
 *
 * @param protocol whether it came as a simple Query, an extended-protocol Parse or a startup
 *     parameter
 * @param statementName the prepared statement's name for Parse ("" for the unnamed one), "" for
 *     Query
 * @param sql the SQL text exactly as the client sent it (it may hold several statements in a Query)
 */
public record GateStatement(Protocol protocol, String statementName, String sql) {

  /** The message that carried the statement. */
  public enum Protocol {
    /** A simple-protocol Query message ('Q'). */
    SIMPLE_QUERY,
    /** An extended-protocol Parse message ('P'). */
    PARSE,
    /**
     * A run-time parameter of the StartupMessage (a parameter of its own, or {@code -c name=value}
     * in {@code options}), presented as the equivalent {@code SET name TO 'value'} before the
     * session logs in upstream. A denial ends the connection with a FATAL error.
     */
    STARTUP
  }
}

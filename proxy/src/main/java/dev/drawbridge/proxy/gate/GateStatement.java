package dev.drawbridge.proxy.gate;

/**
 * One statement as it arrived.
 *
 * @param protocol whether it came as a simple Query or an extended-protocol Parse
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
    PARSE
  }
}

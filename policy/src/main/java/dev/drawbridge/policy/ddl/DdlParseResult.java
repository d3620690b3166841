package dev.drawbridge.policy.ddl;

import org.apache.calcite.sql.SqlNode;

/** The outcome of parsing one statement: a typed tree, or "not understood" with a position. */
public sealed interface DdlParseResult {

  /**
   * The statement parsed. {@code statement} is one of the {@code dev.drawbridge.policy.ddl.node}
   * statement classes ({@code SqlPgAlterTable}, {@code SqlPgCreateIndex}, {@code SqlPgDrop}, ...).
   */
  record Parsed(SqlNode statement) implements DdlParseResult {}

  /**
   * The parser did not accept the statement (outside the grammar, or a syntax error). Line and
   * column are 1-based and point at the first character it could not accept.
   */
  record NotUnderstood(String message, int line, int column) implements DdlParseResult {}
}

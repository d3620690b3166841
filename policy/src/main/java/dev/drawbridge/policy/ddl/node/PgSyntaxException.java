package dev.drawbridge.policy.ddl.node;

import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A statement the grammar matched but PostgreSQL would reject as a syntax error (for example
 * conflicting NULL/NOT NULL), or a form we refuse to understand. Cheap: no stack trace.
 */
public final class PgSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SqlParserPos pos;

  public PgSyntaxException(String message, SqlParserPos pos) {
    super(message, null, false, false);
    this.pos = pos;
  }

  public SqlParserPos pos() {
    return pos;
  }
}

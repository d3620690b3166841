package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ADD [COLUMN] [IF NOT EXISTS] column_definition}. */
public final class SqlPgAddColumn extends PgCall {
  static final SqlOperator OPERATOR = operator("ADD COLUMN", SqlKind.OTHER);

  private final boolean ifNotExists;
  private final SqlPgColumnDef column;

  public SqlPgAddColumn(boolean ifNotExists, SqlPgColumnDef column, SqlParserPos pos) {
    super(pos);
    this.ifNotExists = ifNotExists;
    this.column = column;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public SqlPgColumnDef column() {
    return column;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(column);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(ifNotExists);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ADD COLUMN");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    column.unparse(writer, 0, 0);
  }
}

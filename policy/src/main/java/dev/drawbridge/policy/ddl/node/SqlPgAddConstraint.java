package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ADD table_constraint [NOT VALID]}. */
public final class SqlPgAddConstraint extends PgCall {
  static final SqlOperator OPERATOR = operator("ADD CONSTRAINT", SqlKind.OTHER);

  private final SqlPgTableConstraint constraint;

  public SqlPgAddConstraint(SqlPgTableConstraint constraint, SqlParserPos pos) {
    super(pos);
    this.constraint = constraint;
  }

  public SqlPgTableConstraint constraint() {
    return constraint;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(constraint);
  }

  @Override
  protected List<Object> attributes() {
    return List.of();
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ADD");
    constraint.unparse(writer, 0, 0);
  }
}

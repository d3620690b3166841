package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP [COLUMN] [IF EXISTS] name [CASCADE|RESTRICT]} and {@code DROP CONSTRAINT ...}. */
public final class SqlPgDropColumn extends PgCall {
  static final SqlOperator OPERATOR = operator("DROP COLUMN", SqlKind.OTHER);
  static final SqlOperator CONSTRAINT_OPERATOR = operator("DROP CONSTRAINT", SqlKind.OTHER);

  private final boolean constraint;
  private final boolean ifExists;
  private final SqlIdentifier name;
  private final DropBehavior behavior;

  public SqlPgDropColumn(
      boolean constraint,
      boolean ifExists,
      SqlIdentifier name,
      DropBehavior behavior,
      SqlParserPos pos) {
    super(pos);
    this.constraint = constraint;
    this.ifExists = ifExists;
    this.name = name;
    this.behavior = behavior;
  }

  /** True for {@code DROP CONSTRAINT}, false for {@code DROP COLUMN}. */
  public boolean isConstraint() {
    return constraint;
  }

  public boolean ifExists() {
    return ifExists;
  }

  public SqlIdentifier name() {
    return name;
  }

  public DropBehavior behavior() {
    return behavior;
  }

  @Override
  public SqlOperator getOperator() {
    return constraint ? CONSTRAINT_OPERATOR : OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(name);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(constraint, ifExists, behavior);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(constraint ? "DROP CONSTRAINT" : "DROP COLUMN");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, 0, 0);
    behavior.unparse(writer);
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code TRUNCATE [TABLE] [ONLY] name [*], ... [RESTART IDENTITY|CONTINUE IDENTITY]
 * [CASCADE|RESTRICT]}. Each table is a {@link SqlPgRelation}.
 */
public final class SqlPgTruncate extends PgCall {
  static final SqlOperator OPERATOR = operator("TRUNCATE", SqlKind.TRUNCATE_TABLE);

  private final SqlNodeList tables;
  private final @Nullable Boolean restartIdentity;
  private final DropBehavior behavior;

  public SqlPgTruncate(
      SqlNodeList tables,
      @Nullable Boolean restartIdentity,
      DropBehavior behavior,
      SqlParserPos pos) {
    super(pos);
    this.tables = tables;
    this.restartIdentity = restartIdentity;
    this.behavior = behavior;
  }

  /** {@link SqlPgRelation}s. */
  public SqlNodeList tables() {
    return tables;
  }

  /** True for RESTART IDENTITY, false for CONTINUE IDENTITY, null if neither was written. */
  public @Nullable Boolean restartIdentity() {
    return restartIdentity;
  }

  public DropBehavior behavior() {
    return behavior;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(tables);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(restartIdentity, behavior);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("TRUNCATE TABLE");
    unparseCommaList(writer, tables);
    if (restartIdentity != null) {
      writer.keyword(restartIdentity ? "RESTART IDENTITY" : "CONTINUE IDENTITY");
    }
    behavior.unparse(writer);
  }
}

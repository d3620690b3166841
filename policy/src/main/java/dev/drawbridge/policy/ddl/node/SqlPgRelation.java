package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A table reference in TRUNCATE, VACUUM or CLUSTER: {@code [ONLY] name [*] [(columns)]} (columns
 * only for VACUUM ANALYZE).
 */
public final class SqlPgRelation extends PgCall {
  static final SqlOperator OPERATOR = operator("RELATION", SqlKind.OTHER);

  private final boolean only;
  private final SqlIdentifier name;
  private final boolean star;
  private final @Nullable SqlNodeList columns;

  public SqlPgRelation(
      boolean only,
      SqlIdentifier name,
      boolean star,
      @Nullable SqlNodeList columns,
      SqlParserPos pos) {
    super(pos);
    this.only = only;
    this.name = name;
    this.star = star;
    this.columns = columns;
  }

  public boolean only() {
    return only;
  }

  public boolean star() {
    return star;
  }

  public SqlIdentifier name() {
    return name;
  }

  public @Nullable SqlNodeList columns() {
    return columns;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(name, columns);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(only, star);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (only) {
      writer.keyword("ONLY");
    }
    name.unparse(writer, 0, 0);
    if (star) {
      writer.print("*");
      writer.setNeedWhitespace(true);
    }
    if (columns != null) {
      unparseParenList(writer, columns);
    }
  }
}

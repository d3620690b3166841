package dev.drawbridge.policy.ddl.node;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, ...]}. The actions are {@link
 * SqlPgAddColumn}, {@link SqlPgAddConstraint}, {@link SqlPgAlterColumn}, {@link SqlPgDropColumn},
 * {@link SqlPgDropConstraint} and {@link SqlPgTableAction}.
 */
public final class SqlPgAlterTable extends PgCall {
  static final SqlOperator OPERATOR = operator("ALTER TABLE", SqlKind.ALTER_TABLE);

  private final boolean ifExists;
  private final boolean only;
  private final boolean star;
  private final SqlIdentifier table;
  private final SqlNodeList actions;

  public SqlPgAlterTable(
      boolean ifExists,
      boolean only,
      boolean star,
      SqlIdentifier table,
      SqlNodeList actions,
      SqlParserPos pos) {
    super(pos);
    this.ifExists = ifExists;
    this.only = only;
    this.star = star;
    this.table = table;
    this.actions = actions;
  }

  public boolean ifExists() {
    return ifExists;
  }

  /** {@code ONLY}: the action does not recurse to partitions or inheritance children. */
  public boolean only() {
    return only;
  }

  public SqlIdentifier table() {
    return table;
  }

  /** The actions in source order. */
  public List<SqlNode> actions() {
    return new ArrayList<>(actions.getList());
  }

  public SqlNodeList actionList() {
    return actions;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(table, actions);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(ifExists, only, star);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TABLE");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    if (only) {
      writer.keyword("ONLY");
    }
    table.unparse(writer, 0, 0);
    if (star) {
      writer.print("*");
      writer.setNeedWhitespace(true);
    }
    unparseCommaList(writer, actions);
  }
}

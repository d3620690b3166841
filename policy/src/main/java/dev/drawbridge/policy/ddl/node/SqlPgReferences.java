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
 * {@code REFERENCES table [(columns)] [MATCH FULL|PARTIAL|SIMPLE] [ON DELETE action] [ON UPDATE
 * action]}.
 */
public final class SqlPgReferences extends PgCall {
  static final SqlOperator OPERATOR = operator("REFERENCES", SqlKind.OTHER);

  /** Referential action. */
  public enum Action {
    NO_ACTION("NO ACTION"),
    RESTRICT("RESTRICT"),
    CASCADE("CASCADE"),
    SET_NULL("SET NULL"),
    SET_DEFAULT("SET DEFAULT");

    final String sql;

    Action(String sql) {
      this.sql = sql;
    }
  }

  /** MATCH type. */
  public enum Match {
    FULL,
    PARTIAL,
    SIMPLE
  }

  private final SqlIdentifier table;
  private final @Nullable SqlNodeList columns;
  private final @Nullable Match match;
  private final @Nullable Action onDelete;
  private final @Nullable Action onUpdate;

  public SqlPgReferences(
      SqlIdentifier table,
      @Nullable SqlNodeList columns,
      @Nullable Match match,
      @Nullable Action onDelete,
      @Nullable Action onUpdate,
      SqlParserPos pos) {
    super(pos);
    this.table = table;
    this.columns = columns;
    this.match = match;
    this.onDelete = onDelete;
    this.onUpdate = onUpdate;
  }

  public SqlIdentifier table() {
    return table;
  }

  /** The referenced columns, or null for the referenced table's primary key. */
  public @Nullable SqlNodeList columns() {
    return columns;
  }

  public @Nullable Match match() {
    return match;
  }

  public @Nullable Action onDelete() {
    return onDelete;
  }

  public @Nullable Action onUpdate() {
    return onUpdate;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(table, columns);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(match, onDelete, onUpdate);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("REFERENCES");
    table.unparse(writer, 0, 0);
    if (columns != null) {
      unparseParenList(writer, columns);
    }
    if (match != null) {
      writer.keyword("MATCH");
      writer.keyword(match.name());
    }
    if (onDelete != null) {
      writer.keyword("ON DELETE");
      writer.keyword(onDelete.sql);
    }
    if (onUpdate != null) {
      writer.keyword("ON UPDATE");
      writer.keyword(onUpdate.sql);
    }
  }
}

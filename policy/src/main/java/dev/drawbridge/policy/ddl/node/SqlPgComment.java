package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code COMMENT ON {TABLE | COLUMN | INDEX | VIEW | SEQUENCE | SCHEMA} name IS {'text' | NULL}}
 * and {@code COMMENT ON CONSTRAINT c ON table IS …}. For COLUMN the name is {@code
 * [schema.]table.column}.
 */
public final class SqlPgComment extends PgCall {
  static final SqlOperator OPERATOR = operator("COMMENT", SqlKind.OTHER_DDL);

  /** What is commented on. */
  public enum ObjectType {
    TABLE,
    COLUMN,
    INDEX,
    VIEW,
    SEQUENCE,
    SCHEMA,
    CONSTRAINT
  }

  private final ObjectType objectType;
  private final SqlIdentifier name;
  private final @Nullable SqlIdentifier table;
  private final @Nullable SqlLiteral text;

  /**
   * @param table the table of a CONSTRAINT, else null
   * @param text the comment, null for {@code IS NULL}
   */
  public SqlPgComment(
      ObjectType objectType,
      SqlIdentifier name,
      @Nullable SqlIdentifier table,
      @Nullable SqlLiteral text,
      SqlParserPos pos) {
    super(pos);
    this.objectType = objectType;
    this.name = name;
    this.table = table;
    this.text = text;
  }

  public ObjectType objectType() {
    return objectType;
  }

  public SqlIdentifier name() {
    return name;
  }

  public @Nullable SqlIdentifier table() {
    return table;
  }

  public @Nullable SqlLiteral text() {
    return text;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<@Nullable SqlNode> children() {
    return nodes(name, table, text);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(objectType);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("COMMENT ON");
    writer.keyword(objectType.name());
    name.unparse(writer, 0, 0);
    if (table != null) {
      writer.keyword("ON");
      table.unparse(writer, 0, 0);
    }
    writer.keyword("IS");
    if (text == null) {
      writer.keyword("NULL");
    } else {
      text.unparse(writer, 0, 0);
    }
  }
}

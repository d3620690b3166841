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
 * {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']} and {@code ALTER TYPE
 * name RENAME VALUE 'a' TO 'b'} (enum types).
 */
public final class SqlPgAlterType extends PgCall {
  static final SqlOperator OPERATOR = operator("ALTER TYPE", SqlKind.OTHER_DDL);

  private final SqlIdentifier type;
  private final boolean rename;
  private final boolean ifNotExists;
  private final SqlLiteral value;
  private final @Nullable SqlLiteral other;
  private final @Nullable Boolean before;

  /**
   * @param other for ADD VALUE the neighbour in BEFORE/AFTER (or null); for RENAME VALUE the new
   *     label
   */
  public SqlPgAlterType(
      SqlIdentifier type,
      boolean rename,
      boolean ifNotExists,
      SqlLiteral value,
      @Nullable SqlLiteral other,
      @Nullable Boolean before,
      SqlParserPos pos) {
    super(pos);
    this.type = type;
    this.rename = rename;
    this.ifNotExists = ifNotExists;
    this.value = value;
    this.other = other;
    this.before = before;
  }

  public SqlIdentifier type() {
    return type;
  }

  /** True for RENAME VALUE, false for ADD VALUE. */
  public boolean isRename() {
    return rename;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** The added label, or the old label of a rename. */
  public String value() {
    return value.getValueAs(String.class);
  }

  /** BEFORE/AFTER neighbour label, or the new label of a rename; null if none. */
  public @Nullable String other() {
    return other == null ? null : other.getValueAs(String.class);
  }

  /** True for BEFORE, false for AFTER, null if neither. */
  public @Nullable Boolean before() {
    return before;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(type, value, other);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(rename, ifNotExists, before);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("ALTER TYPE");
    type.unparse(writer, 0, 0);
    if (rename) {
      writer.keyword("RENAME VALUE");
      value.unparse(writer, 0, 0);
      writer.keyword("TO");
      unparse(writer, other);
      return;
    }
    writer.keyword("ADD VALUE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    value.unparse(writer, 0, 0);
    if (before != null) {
      writer.keyword(before ? "BEFORE" : "AFTER");
      unparse(writer, other);
    }
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The small statements on indexes, schemas, sequences and views that staged plans emit, and that
 * people write: {@code ALTER INDEX [IF EXISTS] i RENAME TO j}, {@code ALTER INDEX i ATTACH
 * PARTITION j}, {@code ALTER SCHEMA s RENAME TO t}, {@code ALTER SEQUENCE [IF EXISTS] s OWNED BY
 * t.c}, {@code CREATE SEQUENCE [IF NOT EXISTS] s} (no options) and {@code CREATE VIEW v AS SELECT *
 * FROM t} (nothing else as the query).
 */
public final class SqlPgObjectDdl extends PgCall {

  /** Which statement. */
  public enum Type {
    RENAME_INDEX("ALTER INDEX", SqlKind.ALTER_INDEX),
    ATTACH_INDEX("ALTER INDEX", SqlKind.ALTER_INDEX),
    RENAME_SCHEMA("ALTER SCHEMA", SqlKind.OTHER_DDL),
    SEQUENCE_OWNED_BY("ALTER SEQUENCE", SqlKind.ALTER_SEQUENCE),
    CREATE_SEQUENCE("CREATE SEQUENCE", SqlKind.CREATE_SEQUENCE),
    CREATE_VIEW("CREATE VIEW", SqlKind.CREATE_VIEW);

    private final SqlOperator operator;

    Type(String name, SqlKind kind) {
      this.operator = operator(name, kind);
    }
  }

  private final Type type;
  private final boolean ifExists;
  private final SqlIdentifier name;
  private final @Nullable SqlIdentifier target;

  /**
   * @param ifExists IF EXISTS (ALTER) or IF NOT EXISTS (CREATE SEQUENCE)
   * @param target the new name (RENAME), the attached index, the owning {@code table.column}, or
   *     the view's table; null for CREATE SEQUENCE
   */
  public SqlPgObjectDdl(
      Type type,
      boolean ifExists,
      SqlIdentifier name,
      @Nullable SqlIdentifier target,
      SqlParserPos pos) {
    super(pos);
    this.type = type;
    this.ifExists = ifExists;
    this.name = name;
    this.target = target;
  }

  public Type type() {
    return type;
  }

  /** IF EXISTS, or IF NOT EXISTS for CREATE SEQUENCE. */
  public boolean ifExists() {
    return ifExists;
  }

  public SqlIdentifier name() {
    return name;
  }

  public @Nullable SqlIdentifier target() {
    return target;
  }

  @Override
  public SqlOperator getOperator() {
    return type.operator;
  }

  @Override
  protected List<@Nullable SqlNode> children() {
    return nodes(name, target);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(type, ifExists);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(type.operator.getName());
    if (ifExists) {
      writer.keyword(type == Type.CREATE_SEQUENCE ? "IF NOT EXISTS" : "IF EXISTS");
    }
    name.unparse(writer, 0, 0);
    switch (type) {
      case RENAME_INDEX, RENAME_SCHEMA -> writer.keyword("RENAME TO");
      case ATTACH_INDEX -> writer.keyword("ATTACH PARTITION");
      case SEQUENCE_OWNED_BY -> writer.keyword("OWNED BY");
      case CREATE_VIEW -> writer.keyword("AS SELECT * FROM");
      case CREATE_SEQUENCE -> {}
    }
    unparse(writer, target);
  }
}

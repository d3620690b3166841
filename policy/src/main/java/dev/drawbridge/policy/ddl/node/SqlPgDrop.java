package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP {TABLE | SEQUENCE | VIEW} [IF EXISTS] name, ... [CASCADE|RESTRICT]} and {@code DROP
 * INDEX [CONCURRENTLY] [IF EXISTS] name, ... [CASCADE|RESTRICT]}.
 */
public final class SqlPgDrop extends PgCall {
  static final SqlOperator TABLE = operator("DROP TABLE", SqlKind.DROP_TABLE);
  static final SqlOperator INDEX = operator("DROP INDEX", SqlKind.DROP_INDEX);
  static final SqlOperator SEQUENCE = operator("DROP SEQUENCE", SqlKind.DROP_SEQUENCE);
  static final SqlOperator VIEW = operator("DROP VIEW", SqlKind.DROP_VIEW);

  /** What is dropped. */
  public enum ObjectType {
    TABLE,
    INDEX,
    SEQUENCE,
    VIEW
  }

  private final ObjectType objectType;
  private final boolean concurrently;
  private final boolean ifExists;
  private final SqlNodeList names;
  private final DropBehavior behavior;

  public SqlPgDrop(
      ObjectType objectType,
      boolean concurrently,
      boolean ifExists,
      SqlNodeList names,
      DropBehavior behavior,
      SqlParserPos pos) {
    super(pos);
    this.objectType = objectType;
    this.concurrently = concurrently;
    this.ifExists = ifExists;
    this.names = names;
    this.behavior = behavior;
  }

  public ObjectType objectType() {
    return objectType;
  }

  public boolean concurrently() {
    return concurrently;
  }

  public boolean ifExists() {
    return ifExists;
  }

  /** The dropped objects ({@link org.apache.calcite.sql.SqlIdentifier}s). */
  public SqlNodeList names() {
    return names;
  }

  public DropBehavior behavior() {
    return behavior;
  }

  @Override
  public SqlOperator getOperator() {
    return switch (objectType) {
      case TABLE -> TABLE;
      case INDEX -> INDEX;
      case SEQUENCE -> SEQUENCE;
      case VIEW -> VIEW;
    };
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(names);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(objectType, concurrently, ifExists, behavior);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getOperator().getName());
    if (concurrently) {
      writer.keyword("CONCURRENTLY");
    }
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    unparseCommaList(writer, names);
    behavior.unparse(writer);
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A partition bound: {@code FOR VALUES IN (...)}, {@code FOR VALUES FROM (...) TO (...)}, {@code
 * FOR VALUES WITH (MODULUS m, REMAINDER r)} or {@code DEFAULT}.
 */
public final class SqlPgPartitionBound extends PgCall {
  static final SqlOperator OPERATOR = operator("PARTITION_BOUND", SqlKind.OTHER);

  /** Which form. */
  public enum Type {
    IN,
    RANGE,
    HASH,
    DEFAULT
  }

  private final Type type;
  private final @Nullable SqlNodeList values;
  private final @Nullable SqlNodeList to;
  private final int modulus;
  private final int remainder;

  public SqlPgPartitionBound(
      Type type,
      @Nullable SqlNodeList values,
      @Nullable SqlNodeList to,
      int modulus,
      int remainder,
      SqlParserPos pos) {
    super(pos);
    this.type = type;
    this.values = values;
    this.to = to;
    this.modulus = modulus;
    this.remainder = remainder;
  }

  public Type type() {
    return type;
  }

  /** IN values, or the FROM bound of a range. */
  public @Nullable SqlNodeList values() {
    return values;
  }

  /** The TO bound of a range. */
  public @Nullable SqlNodeList to() {
    return to;
  }

  public int modulus() {
    return modulus;
  }

  public int remainder() {
    return remainder;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(values, to);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(type, modulus, remainder);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    switch (type) {
      case DEFAULT -> writer.keyword("DEFAULT");
      case IN -> {
        writer.keyword("FOR VALUES IN");
        unparseParenList(writer, Objects.requireNonNull(values));
      }
      case RANGE -> {
        writer.keyword("FOR VALUES FROM");
        unparseParenList(writer, Objects.requireNonNull(values));
        writer.keyword("TO");
        unparseParenList(writer, Objects.requireNonNull(to));
      }
      case HASH -> {
        writer.keyword("FOR VALUES WITH");
        writer.print("(MODULUS " + modulus + ", REMAINDER " + remainder + ")");
        writer.setNeedWhitespace(true);
      }
    }
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A column definition: {@code name type [constraint ...]}. */
public final class SqlPgColumnDef extends PgCall {
  static final SqlOperator OPERATOR = operator("COLUMN_DEF", SqlKind.COLUMN_DECL);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec dataType;
  private final SqlNodeList constraints;

  public SqlPgColumnDef(
      SqlIdentifier name, SqlDataTypeSpec dataType, SqlNodeList constraints, SqlParserPos pos) {
    super(pos);
    this.name = name;
    this.dataType = dataType;
    this.constraints = constraints;
  }

  public SqlIdentifier name() {
    return name;
  }

  /** The column name as PostgreSQL stores it (folded unless quoted). */
  public String columnName() {
    return name.getSimple();
  }

  public SqlDataTypeSpec dataType() {
    return dataType;
  }

  /** The structured PostgreSQL type. */
  public PgTypeNameSpec type() {
    return (PgTypeNameSpec) dataType.getTypeNameSpec();
  }

  /** The constraints in source order ({@link SqlPgColumnConstraint}). */
  public List<SqlPgColumnConstraint> constraints() {
    List<SqlPgColumnConstraint> list = new ArrayList<>(constraints.size());
    for (SqlNode n : constraints) {
      list.add((SqlPgColumnConstraint) n);
    }
    return list;
  }

  /** The first constraint of the given type, or null. */
  public @Nullable SqlPgColumnConstraint constraint(SqlPgColumnConstraint.Type type) {
    for (SqlNode n : constraints) {
      SqlPgColumnConstraint c = (SqlPgColumnConstraint) n;
      if (c.type() == type) {
        return c;
      }
    }
    return null;
  }

  public boolean has(SqlPgColumnConstraint.Type type) {
    return constraint(type) != null;
  }

  /** The DEFAULT expression tree, or null. */
  public @Nullable SqlNode defaultExpression() {
    SqlPgColumnConstraint c = constraint(SqlPgColumnConstraint.Type.DEFAULT);
    return c == null ? null : c.expression();
  }

  /** The generation expression of {@code GENERATED ALWAYS AS (expr) [STORED|VIRTUAL]}, or null. */
  public @Nullable SqlNode generatedExpression() {
    SqlPgColumnConstraint c = constraint(SqlPgColumnConstraint.Type.GENERATED_STORED);
    if (c == null) {
      c = constraint(SqlPgColumnConstraint.Type.GENERATED_VIRTUAL);
    }
    if (c == null) {
      c = constraint(SqlPgColumnConstraint.Type.GENERATED);
    }
    return c == null ? null : c.expression();
  }

  public boolean isNotNull() {
    return has(SqlPgColumnConstraint.Type.NOT_NULL) || has(SqlPgColumnConstraint.Type.PRIMARY_KEY);
  }

  public boolean isIdentity() {
    return has(SqlPgColumnConstraint.Type.IDENTITY);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(name, dataType, constraints);
  }

  @Override
  protected List<Object> attributes() {
    return List.of();
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    dataType.getTypeNameSpec().unparse(writer, 0, 0);
    for (SqlNode c : constraints) {
      c.unparse(writer, 0, 0);
    }
  }
}

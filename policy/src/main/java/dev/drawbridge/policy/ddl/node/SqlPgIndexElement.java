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
 * One key of an index, a partition key or an exclusion constraint: a column or an expression, with
 * {@code COLLATE}, operator class, {@code ASC|DESC}, {@code NULLS FIRST|LAST}, and for exclusion
 * constraints {@code WITH operator}.
 */
public final class SqlPgIndexElement extends PgCall {
  static final SqlOperator OPERATOR = operator("INDEX_ELEMENT", SqlKind.OTHER);

  private final SqlNode expression;
  private final @Nullable SqlIdentifier collation;
  private final @Nullable SqlIdentifier opclass;
  private final @Nullable Boolean descending;
  private final @Nullable Boolean nullsFirst;
  private final @Nullable String withOperator;

  public SqlPgIndexElement(
      SqlNode expression,
      @Nullable SqlIdentifier collation,
      @Nullable SqlIdentifier opclass,
      @Nullable Boolean descending,
      @Nullable Boolean nullsFirst,
      @Nullable String withOperator,
      SqlParserPos pos) {
    super(pos);
    this.expression = expression;
    this.collation = collation;
    this.opclass = opclass;
    this.descending = descending;
    this.nullsFirst = nullsFirst;
    this.withOperator = withOperator;
  }

  /** A column ({@link SqlIdentifier}) or an expression. */
  public SqlNode expression() {
    return expression;
  }

  public boolean isColumn() {
    return expression instanceof SqlIdentifier;
  }

  public @Nullable SqlIdentifier collation() {
    return collation;
  }

  public @Nullable SqlIdentifier opclass() {
    return opclass;
  }

  public @Nullable Boolean descending() {
    return descending;
  }

  public @Nullable Boolean nullsFirst() {
    return nullsFirst;
  }

  /** The exclusion operator ({@code &&}, {@code =}), or null outside EXCLUDE. */
  public @Nullable String withOperator() {
    return withOperator;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(expression, collation, opclass);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(descending, nullsFirst, withOperator);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (expression instanceof SqlIdentifier) {
      expression.unparse(writer, 0, 0);
    } else {
      unparseParenExpr(writer, expression);
    }
    if (collation != null) {
      writer.keyword("COLLATE");
      collation.unparse(writer, 0, 0);
    }
    if (opclass != null) {
      opclass.unparse(writer, 0, 0);
    }
    if (descending != null) {
      writer.keyword(descending ? "DESC" : "ASC");
    }
    if (nullsFirst != null) {
      writer.keyword(nullsFirst ? "NULLS FIRST" : "NULLS LAST");
    }
    if (withOperator != null) {
      writer.keyword("WITH");
      writer.print(withOperator);
      writer.setNeedWhitespace(true);
    }
  }
}

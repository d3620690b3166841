package dev.drawbridge.policy.ddl.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Base of every PostgreSQL DDL node. Child nodes are operands (so {@code SqlBasicVisitor} reaches
 * every expression and name); flags and enums that are not nodes are listed by {@link
 * #attributes()} and take part in {@link #equalsDeep}.
 */
public abstract class PgCall extends SqlCall {

  protected PgCall(SqlParserPos pos) {
    super(pos);
  }

  /** The values of this node that are not child nodes, compared by {@link #equalsDeep}. */
  protected abstract List<Object> attributes();

  /** The child nodes, in source order; absent ones are {@code null}. */
  protected abstract List<@Nullable SqlNode> children();

  @Override
  public final List<SqlNode> getOperandList() {
    @SuppressWarnings("nullness")
    List<SqlNode> list = children();
    return list;
  }

  @Override
  public boolean equalsDeep(@Nullable SqlNode node, Litmus litmus) {
    if (!super.equalsDeep(node, litmus)) {
      return false;
    }
    PgCall that = (PgCall) Objects.requireNonNull(node);
    if (!attributes().equals(that.attributes())) {
      return litmus.fail("{} != {}", this, node);
    }
    return litmus.succeed();
  }

  static SqlOperator operator(String name, SqlKind kind) {
    return new SqlSpecialOperator(name, kind);
  }

  static List<@Nullable SqlNode> nodes(@Nullable SqlNode... nodes) {
    return new ArrayList<>(Arrays.asList(nodes));
  }

  static List<Object> attrs(@Nullable Object... values) {
    List<Object> list = new ArrayList<>(values.length);
    for (Object v : values) {
      list.add(v == null ? "<null>" : v);
    }
    return list;
  }

  static void unparse(SqlWriter writer, @Nullable SqlNode node) {
    if (node != null) {
      node.unparse(writer, 0, 0);
    }
  }

  /** Writes {@code (a, b, c)}. */
  static void unparseParenList(SqlWriter writer, List<? extends SqlNode> list) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode n : list) {
      writer.sep(",");
      n.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  /** Writes {@code a, b, c} without parentheses. */
  static void unparseCommaList(SqlWriter writer, List<? extends SqlNode> list) {
    SqlWriter.Frame frame = writer.startList("", "");
    for (SqlNode n : list) {
      writer.sep(",");
      n.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  /** Writes an expression inside parentheses, e.g. a CHECK condition. */
  static void unparseParenExpr(SqlWriter writer, SqlNode expr) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    expr.unparse(writer, 0, 0);
    writer.endList(frame);
  }

  static SqlNodeList list(List<? extends SqlNode> nodes, SqlParserPos pos) {
    return new SqlNodeList(nodes, pos);
  }

  static <T> List<T> copy(@Nullable List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code LIKE source [INCLUDING|EXCLUDING option ...]} in CREATE TABLE. */
public final class SqlPgTableLike extends PgCall {
  static final SqlOperator OPERATOR = operator("LIKE", SqlKind.OTHER);

  private final SqlIdentifier source;
  private final List<String> options;

  /**
   * @param options e.g. {@code "INCLUDING ALL"}, {@code "EXCLUDING INDEXES"}, upper case
   */
  public SqlPgTableLike(SqlIdentifier source, List<String> options, SqlParserPos pos) {
    super(pos);
    this.source = source;
    this.options = List.copyOf(options);
  }

  public SqlIdentifier source() {
    return source;
  }

  public List<String> options() {
    return options;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(source);
  }

  @Override
  protected List<Object> attributes() {
    return List.copyOf(options);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("LIKE");
    source.unparse(writer, 0, 0);
    for (String o : options) {
      writer.keyword(o);
    }
  }
}

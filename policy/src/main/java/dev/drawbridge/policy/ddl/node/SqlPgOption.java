package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A named option: a storage parameter ({@code fillfactor = 70}, in {@code WITH (...)}, {@code SET
 * (...)} or {@code RESET (...)}), a sequence option of an identity column ({@code START WITH 10}),
 * or a utility option ({@code VERBOSE}, {@code FULL true}). The value is a literal or an
 * identifier, or absent.
 */
public final class SqlPgOption extends PgCall {
  static final SqlOperator OPERATOR = operator("OPTION", SqlKind.OTHER);

  /** How the option is written back. */
  public enum Style {
    /** {@code name = value} (storage parameters). */
    EQUALS,
    /** {@code name value} (utility and sequence options). */
    SPACE
  }

  private final String name;
  private final @Nullable SqlNode value;
  private final Style style;

  /**
   * @param name lower-case option name as PostgreSQL sees it, words separated by one space for
   *     multi-word sequence options ({@code "start with"}, {@code "no minvalue"})
   */
  public SqlPgOption(String name, @Nullable SqlNode value, Style style, SqlParserPos pos) {
    super(pos);
    this.name = name;
    this.value = value;
    this.style = style;
  }

  public String name() {
    return name;
  }

  public @Nullable SqlNode value() {
    return value;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(value);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(name, style);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (style == Style.EQUALS) {
      StringBuilder b = new StringBuilder();
      for (String part : name.split("\\.")) {
        b.append(b.length() == 0 ? "" : ".").append(PgNames.quoteIfNeeded(part));
      }
      writer.print(b.toString());
      writer.setNeedWhitespace(true);
    } else {
      for (String part : name.split(" ")) {
        writer.keyword(part.toUpperCase(java.util.Locale.ROOT));
      }
    }
    if (value != null) {
      if (style == Style.EQUALS) {
        writer.sep("=");
      }
      value.unparse(writer, 0, 0);
    }
  }
}

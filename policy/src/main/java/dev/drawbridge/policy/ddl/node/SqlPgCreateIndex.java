package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method]
 * (element, ...) [INCLUDE (...)] [NULLS [NOT] DISTINCT] [WITH (...)] [TABLESPACE t] [WHERE
 * predicate]}.
 */
public final class SqlPgCreateIndex extends PgCall {
  static final SqlOperator OPERATOR = operator("CREATE INDEX", SqlKind.CREATE_INDEX);

  private final boolean unique;
  private final boolean concurrently;
  private final boolean ifNotExists;
  private final @Nullable SqlIdentifier name;
  private final boolean only;
  private final SqlIdentifier table;
  private final @Nullable SqlIdentifier method;
  private final SqlNodeList elements;
  private final @Nullable SqlNodeList include;
  private final @Nullable Boolean nullsDistinct;
  private final @Nullable SqlNodeList with;
  private final @Nullable SqlIdentifier tablespace;
  private final @Nullable SqlNode where;

  public SqlPgCreateIndex(
      boolean unique,
      boolean concurrently,
      boolean ifNotExists,
      @Nullable SqlIdentifier name,
      boolean only,
      SqlIdentifier table,
      @Nullable SqlIdentifier method,
      SqlNodeList elements,
      @Nullable SqlNodeList include,
      @Nullable Boolean nullsDistinct,
      @Nullable SqlNodeList with,
      @Nullable SqlIdentifier tablespace,
      @Nullable SqlNode where,
      SqlParserPos pos) {
    super(pos);
    this.unique = unique;
    this.concurrently = concurrently;
    this.ifNotExists = ifNotExists;
    this.name = name;
    this.only = only;
    this.table = table;
    this.method = method;
    this.elements = elements;
    this.include = include;
    this.nullsDistinct = nullsDistinct;
    this.with = with;
    this.tablespace = tablespace;
    this.where = where;
  }

  public boolean unique() {
    return unique;
  }

  public boolean concurrently() {
    return concurrently;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** The index name, or null when PostgreSQL chooses one. */
  public @Nullable SqlIdentifier name() {
    return name;
  }

  public boolean only() {
    return only;
  }

  public SqlIdentifier table() {
    return table;
  }

  /** {@code USING method} (btree, gin, gist, ...), or null for the default (btree). */
  public @Nullable SqlIdentifier method() {
    return method;
  }

  /** {@link SqlPgIndexElement}s. */
  public SqlNodeList elements() {
    return elements;
  }

  public @Nullable SqlNodeList include() {
    return include;
  }

  public @Nullable Boolean nullsDistinct() {
    return nullsDistinct;
  }

  /** Storage parameters ({@link SqlPgOption}), or null. */
  public @Nullable SqlNodeList with() {
    return with;
  }

  public @Nullable SqlIdentifier tablespace() {
    return tablespace;
  }

  /** The partial-index predicate, or null. */
  public @Nullable SqlNode where() {
    return where;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(name, table, method, elements, include, with, tablespace, where);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(unique, concurrently, ifNotExists, only, nullsDistinct);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX");
    if (concurrently) {
      writer.keyword("CONCURRENTLY");
    }
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    unparse(writer, name);
    writer.keyword("ON");
    if (only) {
      writer.keyword("ONLY");
    }
    table.unparse(writer, 0, 0);
    if (method != null) {
      writer.keyword("USING");
      method.unparse(writer, 0, 0);
    }
    unparseParenList(writer, elements);
    if (include != null) {
      writer.keyword("INCLUDE");
      unparseParenList(writer, include);
    }
    if (nullsDistinct != null) {
      writer.keyword(nullsDistinct ? "NULLS DISTINCT" : "NULLS NOT DISTINCT");
    }
    if (with != null) {
      writer.keyword("WITH");
      unparseParenList(writer, with);
    }
    if (tablespace != null) {
      writer.keyword("TABLESPACE");
      tablespace.unparse(writer, 0, 0);
    }
    if (where != null) {
      writer.keyword("WHERE");
      where.unparse(writer, 0, 0);
    }
  }
}

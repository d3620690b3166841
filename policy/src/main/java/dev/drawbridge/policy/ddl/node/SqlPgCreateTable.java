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
 * {@code CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name ( elements ) [INHERITS (...)] [PARTITION
 * BY ...] [WITH (...)] [TABLESPACE t]} and {@code CREATE TABLE name PARTITION OF parent [(
 * constraints )] FOR VALUES ... | DEFAULT [PARTITION BY ...]}. Elements are {@link SqlPgColumnDef},
 * {@link SqlPgTableConstraint} and {@link SqlPgTableLike}.
 */
public final class SqlPgCreateTable extends PgCall {
  static final SqlOperator OPERATOR = operator("CREATE TABLE", SqlKind.CREATE_TABLE);

  /** Table persistence. */
  public enum Persistence {
    PERMANENT,
    TEMPORARY,
    UNLOGGED
  }

  private final Persistence persistence;
  private final boolean ifNotExists;
  private final SqlIdentifier name;
  private final SqlNodeList elements;
  private final @Nullable SqlIdentifier partitionOf;
  private final @Nullable SqlPgPartitionBound bound;
  private final @Nullable SqlNodeList inherits;
  private final @Nullable String partitionStrategy;
  private final @Nullable SqlNodeList partitionKeys;
  private final @Nullable SqlNodeList with;
  private final @Nullable SqlIdentifier tablespace;

  public SqlPgCreateTable(
      Persistence persistence,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList elements,
      @Nullable SqlIdentifier partitionOf,
      @Nullable SqlPgPartitionBound bound,
      @Nullable SqlNodeList inherits,
      @Nullable String partitionStrategy,
      @Nullable SqlNodeList partitionKeys,
      @Nullable SqlNodeList with,
      @Nullable SqlIdentifier tablespace,
      SqlParserPos pos) {
    super(pos);
    this.persistence = persistence;
    this.ifNotExists = ifNotExists;
    this.name = name;
    this.elements = elements;
    this.partitionOf = partitionOf;
    this.bound = bound;
    this.inherits = inherits;
    this.partitionStrategy = partitionStrategy;
    this.partitionKeys = partitionKeys;
    this.with = with;
    this.tablespace = tablespace;
  }

  public Persistence persistence() {
    return persistence;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public SqlIdentifier name() {
    return name;
  }

  /** Columns, table constraints and LIKE clauses in source order. */
  public SqlNodeList elements() {
    return elements;
  }

  /** The parent of {@code PARTITION OF parent}, or null. */
  public @Nullable SqlIdentifier partitionOf() {
    return partitionOf;
  }

  public @Nullable SqlPgPartitionBound bound() {
    return bound;
  }

  public @Nullable SqlNodeList inherits() {
    return inherits;
  }

  /** {@code range}, {@code list} or {@code hash} of PARTITION BY, or null. */
  public @Nullable String partitionStrategy() {
    return partitionStrategy;
  }

  /** Partition keys ({@link SqlPgIndexElement}s), or null. */
  public @Nullable SqlNodeList partitionKeys() {
    return partitionKeys;
  }

  public @Nullable SqlNodeList with() {
    return with;
  }

  public @Nullable SqlIdentifier tablespace() {
    return tablespace;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(name, elements, partitionOf, bound, inherits, partitionKeys, with, tablespace);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(persistence, ifNotExists, partitionStrategy);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (persistence == Persistence.TEMPORARY) {
      writer.keyword("TEMPORARY");
    } else if (persistence == Persistence.UNLOGGED) {
      writer.keyword("UNLOGGED");
    }
    writer.keyword("TABLE");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    if (partitionOf != null) {
      writer.keyword("PARTITION OF");
      partitionOf.unparse(writer, 0, 0);
      if (elements.size() > 0) {
        unparseParenList(writer, elements);
      }
      unparse(writer, bound);
    } else {
      unparseParenList(writer, elements);
    }
    if (inherits != null) {
      writer.keyword("INHERITS");
      unparseParenList(writer, inherits);
    }
    if (partitionStrategy != null && partitionKeys != null) {
      writer.keyword("PARTITION BY");
      writer.keyword(partitionStrategy.toUpperCase(java.util.Locale.ROOT));
      unparseParenList(writer, partitionKeys);
    }
    if (with != null) {
      writer.keyword("WITH");
      unparseParenList(writer, with);
    }
    if (tablespace != null) {
      writer.keyword("TABLESPACE");
      tablespace.unparse(writer, 0, 0);
    }
  }
}

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
 * Table maintenance commands that may rewrite or lock: {@code VACUUM [(options)] [tables]} (also
 * the old {@code VACUUM FULL FREEZE VERBOSE ANALYZE} spelling, stored as options), {@code CLUSTER
 * [(options)] [table [USING index]]} and {@code REINDEX [(options)] INDEX|TABLE|SCHEMA|DATABASE
 * [CONCURRENTLY] name}.
 */
public final class SqlPgMaintenance extends PgCall {
  static final SqlOperator VACUUM_OP = operator("VACUUM", SqlKind.OTHER_DDL);
  static final SqlOperator CLUSTER_OP = operator("CLUSTER", SqlKind.OTHER_DDL);
  static final SqlOperator REINDEX_OP = operator("REINDEX", SqlKind.OTHER_DDL);

  /** Which command. */
  public enum Command {
    VACUUM,
    CLUSTER,
    REINDEX
  }

  private final Command command;
  private final SqlNodeList options;
  private final boolean parenthesizedOptions;
  private final @Nullable String target;
  private final boolean concurrently;
  private final SqlNodeList relations;
  private final @Nullable SqlIdentifier index;

  /**
   * @param options {@link SqlPgOption}s (lower-case names)
   * @param parenthesizedOptions options were written in parentheses (else old keyword style)
   * @param target for REINDEX: INDEX, TABLE, SCHEMA, DATABASE or SYSTEM
   * @param relations {@link SqlPgRelation}s (VACUUM, CLUSTER) or the REINDEX target name
   * @param index CLUSTER ... USING index
   */
  public SqlPgMaintenance(
      Command command,
      SqlNodeList options,
      boolean parenthesizedOptions,
      @Nullable String target,
      boolean concurrently,
      SqlNodeList relations,
      @Nullable SqlIdentifier index,
      SqlParserPos pos) {
    super(pos);
    this.command = command;
    this.options = options;
    this.parenthesizedOptions = parenthesizedOptions;
    this.target = target;
    this.concurrently = concurrently;
    this.relations = relations;
    this.index = index;
  }

  public Command command() {
    return command;
  }

  public SqlNodeList options() {
    return options;
  }

  /** True if an option with this (lower-case) name is present and not set to false/off/0. */
  public boolean hasOption(String name) {
    for (SqlNode n : options) {
      SqlPgOption o = (SqlPgOption) n;
      if (o.name().equals(name)) {
        SqlNode v = o.value();
        if (v == null) {
          return true;
        }
        String s = v.toString().toLowerCase(java.util.Locale.ROOT).replace("'", "");
        return !(s.equals("false") || s.equals("off") || s.equals("0") || s.equals("`false`"));
      }
    }
    return false;
  }

  /** For REINDEX: INDEX, TABLE, SCHEMA, DATABASE or SYSTEM. */
  public @Nullable String target() {
    return target;
  }

  /** REINDEX ... CONCURRENTLY (the keyword form; see also {@link #hasOption}). */
  public boolean concurrently() {
    return concurrently;
  }

  public SqlNodeList relations() {
    return relations;
  }

  public @Nullable SqlIdentifier index() {
    return index;
  }

  @Override
  public SqlOperator getOperator() {
    return switch (command) {
      case VACUUM -> VACUUM_OP;
      case CLUSTER -> CLUSTER_OP;
      case REINDEX -> REINDEX_OP;
    };
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(options, relations, index);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(command, parenthesizedOptions, target, concurrently);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(command.name());
    if (parenthesizedOptions) {
      unparseParenList(writer, options);
    } else {
      for (SqlNode o : options) {
        o.unparse(writer, 0, 0);
      }
    }
    if (target != null) {
      writer.keyword(target);
    }
    if (concurrently) {
      writer.keyword("CONCURRENTLY");
    }
    if (relations.size() > 0) {
      unparseCommaList(writer, relations);
    }
    if (index != null) {
      writer.keyword("USING");
      index.unparse(writer, 0, 0);
    }
  }
}

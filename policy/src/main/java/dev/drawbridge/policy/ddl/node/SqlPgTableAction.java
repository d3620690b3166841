package dev.drawbridge.policy.ddl.node;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The ALTER TABLE actions that are not about one column's definition or a new constraint: see
 * {@link Type}. {@link #name()} is the constraint, column, trigger, schema, tablespace or partition
 * the action names; {@link #newName()} the target of a rename.
 */
public final class SqlPgTableAction extends PgCall {
  static final SqlOperator OPERATOR = operator("TABLE_ACTION", SqlKind.OTHER);

  /** Which action. */
  public enum Type {
    VALIDATE_CONSTRAINT,
    RENAME_COLUMN,
    RENAME_CONSTRAINT,
    RENAME_TABLE,
    SET_SCHEMA,
    SET_LOGGED,
    SET_UNLOGGED,
    SET_TABLESPACE,
    /** {@code SET (param = value, ...)}. */
    SET_OPTIONS,
    /** {@code RESET (param, ...)}. */
    RESET_OPTIONS,
    ENABLE_TRIGGER,
    DISABLE_TRIGGER,
    ATTACH_PARTITION,
    DETACH_PARTITION
  }

  /** Trigger scope, partition-detach mode or trigger firing mode, as written. */
  private final Type type;

  private final @Nullable SqlIdentifier name;
  private final @Nullable SqlIdentifier newName;
  private final @Nullable SqlNodeList options;
  private final @Nullable SqlPgPartitionBound bound;
  private final @Nullable String mode;

  /**
   * @param mode for triggers {@code REPLICA}/{@code ALWAYS} (null if neither); for detach {@code
   *     CONCURRENTLY}/{@code FINALIZE}; for a trigger name of {@code ALL}/{@code USER}, that word
   *     is passed as mode {@code "ALL"}/{@code "USER"} in {@link #triggerScope()}
   */
  public SqlPgTableAction(
      Type type,
      @Nullable SqlIdentifier name,
      @Nullable SqlIdentifier newName,
      @Nullable SqlNodeList options,
      @Nullable SqlPgPartitionBound bound,
      @Nullable String mode,
      @Nullable String triggerScope,
      SqlParserPos pos) {
    super(pos);
    this.type = type;
    this.name = name;
    this.newName = newName;
    this.options = options;
    this.bound = bound;
    this.mode = mode;
    this.triggerScope = triggerScope;
  }

  private final @Nullable String triggerScope;

  public Type type() {
    return type;
  }

  public @Nullable SqlIdentifier name() {
    return name;
  }

  public @Nullable SqlIdentifier newName() {
    return newName;
  }

  /** {@link SqlPgOption}s of SET/RESET. */
  public @Nullable SqlNodeList options() {
    return options;
  }

  public @Nullable SqlPgPartitionBound bound() {
    return bound;
  }

  /**
   * {@code REPLICA}/{@code ALWAYS} for ENABLE TRIGGER; {@code CONCURRENTLY}/{@code FINALIZE} for
   * DETACH.
   */
  public @Nullable String mode() {
    return mode;
  }

  /** {@code ALL} or {@code USER} when the trigger action names no single trigger. */
  public @Nullable String triggerScope() {
    return triggerScope;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(name, newName, options, bound);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(type, mode, triggerScope);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    switch (type) {
      case VALIDATE_CONSTRAINT -> {
        writer.keyword("VALIDATE CONSTRAINT");
        unparse(writer, name);
      }
      case RENAME_COLUMN, RENAME_CONSTRAINT -> {
        writer.keyword(type == Type.RENAME_COLUMN ? "RENAME COLUMN" : "RENAME CONSTRAINT");
        unparse(writer, name);
        writer.keyword("TO");
        unparse(writer, newName);
      }
      case RENAME_TABLE -> {
        writer.keyword("RENAME TO");
        unparse(writer, newName);
      }
      case SET_SCHEMA -> {
        writer.keyword("SET SCHEMA");
        unparse(writer, name);
      }
      case SET_LOGGED -> writer.keyword("SET LOGGED");
      case SET_UNLOGGED -> writer.keyword("SET UNLOGGED");
      case SET_TABLESPACE -> {
        writer.keyword("SET TABLESPACE");
        unparse(writer, name);
      }
      case SET_OPTIONS, RESET_OPTIONS -> {
        writer.keyword(type == Type.SET_OPTIONS ? "SET" : "RESET");
        unparseParenList(writer, Objects.requireNonNull(options));
      }
      case ENABLE_TRIGGER, DISABLE_TRIGGER -> {
        writer.keyword(type == Type.ENABLE_TRIGGER ? "ENABLE" : "DISABLE");
        if (mode != null) {
          writer.keyword(mode);
        }
        writer.keyword("TRIGGER");
        if (triggerScope != null) {
          writer.keyword(triggerScope);
        } else {
          unparse(writer, name);
        }
      }
      case ATTACH_PARTITION -> {
        writer.keyword("ATTACH PARTITION");
        unparse(writer, name);
        unparse(writer, bound);
      }
      case DETACH_PARTITION -> {
        writer.keyword("DETACH PARTITION");
        unparse(writer, name);
        if (mode != null) {
          writer.keyword(mode);
        }
      }
    }
  }
}

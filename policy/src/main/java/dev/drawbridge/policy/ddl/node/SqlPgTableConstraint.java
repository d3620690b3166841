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
 * A table constraint: {@code [CONSTRAINT name]} CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY or EXCLUDE,
 * or {@code UNIQUE|PRIMARY KEY USING INDEX idx}; with {@code NOT VALID}, {@code NO INHERIT} and
 * deferral attributes.
 */
public final class SqlPgTableConstraint extends PgCall {
  static final SqlOperator OPERATOR = operator("TABLE_CONSTRAINT", SqlKind.OTHER);

  /** What the constraint is. */
  public enum Type {
    CHECK,
    UNIQUE,
    PRIMARY_KEY,
    FOREIGN_KEY,
    EXCLUDE
  }

  private final @Nullable SqlIdentifier name;
  private final Type type;
  private final @Nullable SqlNode check;
  private final @Nullable SqlNodeList columns;
  private final @Nullable SqlNodeList include;
  private final @Nullable Boolean nullsDistinct;
  private final @Nullable SqlIdentifier usingIndex;
  private final @Nullable SqlPgReferences references;
  private final @Nullable SqlIdentifier excludeMethod;
  private final @Nullable SqlNodeList excludeElements;
  private final @Nullable SqlNode excludeWhere;
  private final boolean notValid;
  private final boolean noInherit;
  private final ConstraintTiming timing;

  public SqlPgTableConstraint(
      @Nullable SqlIdentifier name,
      Type type,
      @Nullable SqlNode check,
      @Nullable SqlNodeList columns,
      @Nullable SqlNodeList include,
      @Nullable Boolean nullsDistinct,
      @Nullable SqlIdentifier usingIndex,
      @Nullable SqlPgReferences references,
      @Nullable SqlIdentifier excludeMethod,
      @Nullable SqlNodeList excludeElements,
      @Nullable SqlNode excludeWhere,
      boolean notValid,
      boolean noInherit,
      ConstraintTiming timing,
      SqlParserPos pos) {
    super(pos);
    this.name = name;
    this.type = type;
    this.check = check;
    this.columns = columns;
    this.include = include;
    this.nullsDistinct = nullsDistinct;
    this.usingIndex = usingIndex;
    this.references = references;
    this.excludeMethod = excludeMethod;
    this.excludeElements = excludeElements;
    this.excludeWhere = excludeWhere;
    this.notValid = notValid;
    this.noInherit = noInherit;
    this.timing = timing;
  }

  public @Nullable SqlIdentifier name() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** The CHECK condition, or null. */
  public @Nullable SqlNode check() {
    return check;
  }

  /** Key columns of UNIQUE, PRIMARY KEY and FOREIGN KEY, or null. */
  public @Nullable SqlNodeList columns() {
    return columns;
  }

  public @Nullable SqlNodeList include() {
    return include;
  }

  public @Nullable Boolean nullsDistinct() {
    return nullsDistinct;
  }

  /** {@code USING INDEX idx}: the existing index this constraint adopts, or null. */
  public @Nullable SqlIdentifier usingIndex() {
    return usingIndex;
  }

  public @Nullable SqlPgReferences references() {
    return references;
  }

  public @Nullable SqlIdentifier excludeMethod() {
    return excludeMethod;
  }

  /** {@link SqlPgIndexElement}s with their operators, or null. */
  public @Nullable SqlNodeList excludeElements() {
    return excludeElements;
  }

  public @Nullable SqlNode excludeWhere() {
    return excludeWhere;
  }

  public boolean notValid() {
    return notValid;
  }

  public boolean noInherit() {
    return noInherit;
  }

  public ConstraintTiming timing() {
    return timing;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public SqlKind getKind() {
    return switch (type) {
      case CHECK -> SqlKind.CHECK;
      case UNIQUE -> SqlKind.UNIQUE;
      case PRIMARY_KEY -> SqlKind.PRIMARY_KEY;
      case FOREIGN_KEY -> SqlKind.FOREIGN_KEY;
      case EXCLUDE -> SqlKind.OTHER;
    };
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(
        name,
        check,
        columns,
        include,
        usingIndex,
        references,
        excludeMethod,
        excludeElements,
        excludeWhere);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(type, nullsDistinct, notValid, noInherit, timing);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (name != null) {
      writer.keyword("CONSTRAINT");
      name.unparse(writer, 0, 0);
    }
    switch (type) {
      case CHECK -> {
        writer.keyword("CHECK");
        unparseParenExpr(writer, Objects.requireNonNull(check));
      }
      case UNIQUE, PRIMARY_KEY -> {
        writer.keyword(type == Type.UNIQUE ? "UNIQUE" : "PRIMARY KEY");
        if (nullsDistinct != null) {
          writer.keyword(nullsDistinct ? "NULLS DISTINCT" : "NULLS NOT DISTINCT");
        }
        if (usingIndex != null) {
          writer.keyword("USING INDEX");
          usingIndex.unparse(writer, 0, 0);
        } else {
          unparseParenList(writer, Objects.requireNonNull(columns));
        }
      }
      case FOREIGN_KEY -> {
        writer.keyword("FOREIGN KEY");
        unparseParenList(writer, Objects.requireNonNull(columns));
        Objects.requireNonNull(references).unparse(writer, 0, 0);
      }
      case EXCLUDE -> {
        writer.keyword("EXCLUDE");
        if (excludeMethod != null) {
          writer.keyword("USING");
          excludeMethod.unparse(writer, 0, 0);
        }
        unparseParenList(writer, Objects.requireNonNull(excludeElements));
      }
    }
    if (include != null) {
      writer.keyword("INCLUDE");
      unparseParenList(writer, include);
    }
    if (excludeWhere != null) {
      writer.keyword("WHERE");
      unparseParenExpr(writer, excludeWhere);
    }
    if (noInherit) {
      writer.keyword("NO INHERIT");
    }
    timing.unparse(writer);
    if (notValid) {
      writer.keyword("NOT VALID");
    }
  }
}

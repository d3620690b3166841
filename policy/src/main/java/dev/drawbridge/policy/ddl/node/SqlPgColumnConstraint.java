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
 * One element of a column definition's constraint list: {@code NOT NULL}, {@code NULL}, {@code
 * DEFAULT expr}, {@code CHECK (expr) [NO INHERIT]}, {@code UNIQUE [NULLS [NOT] DISTINCT]}, {@code
 * PRIMARY KEY}, {@code REFERENCES ...}, {@code GENERATED ALWAYS AS (expr) STORED}, {@code GENERATED
 * ALWAYS|BY DEFAULT AS IDENTITY [(options)]} or {@code COLLATE name}, optionally named ({@code
 * CONSTRAINT name}) and with deferral attributes.
 */
public final class SqlPgColumnConstraint extends PgCall {
  static final SqlOperator OPERATOR = operator("COLUMN_CONSTRAINT", SqlKind.OTHER);

  /** What the constraint is. */
  public enum Type {
    NOT_NULL,
    NULL,
    DEFAULT,
    CHECK,
    UNIQUE,
    PRIMARY_KEY,
    REFERENCES,
    GENERATED_STORED,
    /** {@code GENERATED ALWAYS AS (expr) VIRTUAL} (PostgreSQL 18). */
    GENERATED_VIRTUAL,
    /** {@code GENERATED ALWAYS AS (expr)} without a keyword: VIRTUAL on 18, an error before. */
    GENERATED,
    IDENTITY,
    COLLATE
  }

  private final @Nullable SqlIdentifier name;
  private final Type type;
  private final @Nullable SqlNode expression;
  private final @Nullable SqlPgReferences references;
  private final @Nullable SqlIdentifier collation;
  private final @Nullable SqlNodeList identityOptions;
  private final boolean identityAlways;
  private final boolean noInherit;
  private final @Nullable Boolean nullsDistinct;
  private final ConstraintTiming timing;

  public SqlPgColumnConstraint(
      @Nullable SqlIdentifier name,
      Type type,
      @Nullable SqlNode expression,
      @Nullable SqlPgReferences references,
      @Nullable SqlIdentifier collation,
      @Nullable SqlNodeList identityOptions,
      boolean identityAlways,
      boolean noInherit,
      @Nullable Boolean nullsDistinct,
      ConstraintTiming timing,
      SqlParserPos pos) {
    super(pos);
    this.name = name;
    this.type = type;
    this.expression = expression;
    this.references = references;
    this.collation = collation;
    this.identityOptions = identityOptions;
    this.identityAlways = identityAlways;
    this.noInherit = noInherit;
    this.nullsDistinct = nullsDistinct;
    this.timing = timing;
  }

  /** Returns a copy with the given deferral attributes. */
  public SqlPgColumnConstraint withTiming(ConstraintTiming newTiming) {
    return new SqlPgColumnConstraint(
        name,
        type,
        expression,
        references,
        collation,
        identityOptions,
        identityAlways,
        noInherit,
        nullsDistinct,
        newTiming,
        getParserPosition());
  }

  /** {@code CONSTRAINT name}, or null. */
  public @Nullable SqlIdentifier name() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** The DEFAULT, CHECK or generation expression, or null. */
  public @Nullable SqlNode expression() {
    return expression;
  }

  public @Nullable SqlPgReferences references() {
    return references;
  }

  public @Nullable SqlIdentifier collation() {
    return collation;
  }

  /** Sequence options of an identity column ({@link SqlPgOption}s), or null. */
  public @Nullable SqlNodeList identityOptions() {
    return identityOptions;
  }

  /** For IDENTITY: {@code GENERATED ALWAYS} (true) or {@code BY DEFAULT} (false). */
  public boolean identityAlways() {
    return identityAlways;
  }

  public boolean noInherit() {
    return noInherit;
  }

  /** For UNIQUE: {@code NULLS DISTINCT} (true), {@code NULLS NOT DISTINCT} (false), or null. */
  public @Nullable Boolean nullsDistinct() {
    return nullsDistinct;
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
      case REFERENCES -> SqlKind.FOREIGN_KEY;
      case DEFAULT -> SqlKind.DEFAULT;
      default -> SqlKind.OTHER;
    };
  }

  @Override
  protected List<SqlNode> children() {
    return nodes(name, expression, references, collation, identityOptions);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(type, identityAlways, noInherit, nullsDistinct, timing);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (name != null) {
      writer.keyword("CONSTRAINT");
      name.unparse(writer, 0, 0);
    }
    switch (type) {
      case NOT_NULL -> writer.keyword("NOT NULL");
      case NULL -> writer.keyword("NULL");
      case DEFAULT -> {
        writer.keyword("DEFAULT");
        // DEFAULT takes a restricted expression: parenthesize anything but a simple term.
        SqlNode e = java.util.Objects.requireNonNull(expression);
        if (PgExpressions.isSimpleTerm(e)) {
          e.unparse(writer, 0, 0);
        } else {
          unparseParenExpr(writer, e);
        }
      }
      case CHECK -> {
        writer.keyword("CHECK");
        unparseParenExpr(writer, java.util.Objects.requireNonNull(expression));
        if (noInherit) {
          writer.keyword("NO INHERIT");
        }
      }
      case UNIQUE -> {
        writer.keyword("UNIQUE");
        if (nullsDistinct != null) {
          writer.keyword(nullsDistinct ? "NULLS DISTINCT" : "NULLS NOT DISTINCT");
        }
      }
      case PRIMARY_KEY -> writer.keyword("PRIMARY KEY");
      case REFERENCES -> java.util.Objects.requireNonNull(references).unparse(writer, 0, 0);
      case GENERATED_STORED, GENERATED_VIRTUAL, GENERATED -> {
        writer.keyword("GENERATED ALWAYS AS");
        unparseParenExpr(writer, java.util.Objects.requireNonNull(expression));
        if (type == Type.GENERATED_STORED) {
          writer.keyword("STORED");
        } else if (type == Type.GENERATED_VIRTUAL) {
          writer.keyword("VIRTUAL");
        }
      }
      case IDENTITY -> {
        writer.keyword(
            identityAlways ? "GENERATED ALWAYS AS IDENTITY" : "GENERATED BY DEFAULT AS IDENTITY");
        if (identityOptions != null) {
          SqlWriter.Frame frame = writer.startList("(", ")");
          for (SqlNode o : identityOptions) {
            o.unparse(writer, 0, 0);
          }
          writer.endList(frame);
        }
      }
      case COLLATE -> {
        writer.keyword("COLLATE");
        java.util.Objects.requireNonNull(collation).unparse(writer, 0, 0);
      }
    }
    timing.unparse(writer);
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The checks PostgreSQL makes while transforming a column definition or constraint attributes and
 * reports as syntax errors (SQLSTATE 42601); the parser makes them too, so that it never returns a
 * tree for a statement PostgreSQL rejects as a syntax error.
 */
public final class PgColumnChecks {
  private PgColumnChecks() {}

  /** Attaches a deferral attribute to the constraint before it (as PostgreSQL does). */
  public static void applyTiming(List<SqlNode> constraints, String attribute, SqlParserPos pos) {
    if (constraints.isEmpty()
        || !(constraints.get(constraints.size() - 1) instanceof SqlPgColumnConstraint last)) {
      throw new PgSyntaxException("misplaced " + attribute + " clause", pos);
    }
    SqlPgColumnConstraint.Type t = last.type();
    if (t != SqlPgColumnConstraint.Type.UNIQUE
        && t != SqlPgColumnConstraint.Type.PRIMARY_KEY
        && t != SqlPgColumnConstraint.Type.REFERENCES) {
      throw new PgSyntaxException("misplaced " + attribute + " clause", pos);
    }
    ConstraintTiming timing = merge(last.timing(), attribute, pos);
    constraints.set(constraints.size() - 1, last.withTiming(timing));
  }

  /** Adds one attribute to a timing, refusing duplicates and contradictions. */
  public static ConstraintTiming merge(
      ConstraintTiming timing, String attribute, SqlParserPos pos) {
    Boolean deferrable = timing.deferrable();
    Boolean initially = timing.initiallyDeferred();
    switch (attribute) {
      case "DEFERRABLE", "NOT DEFERRABLE" -> {
        if (deferrable != null) {
          throw new PgSyntaxException("multiple DEFERRABLE/NOT DEFERRABLE clauses", pos);
        }
        deferrable = attribute.equals("DEFERRABLE");
      }
      case "INITIALLY DEFERRED", "INITIALLY IMMEDIATE" -> {
        if (initially != null) {
          throw new PgSyntaxException("multiple INITIALLY clauses", pos);
        }
        initially = attribute.equals("INITIALLY DEFERRED");
      }
      default -> throw new PgSyntaxException("unknown attribute " + attribute, pos);
    }
    if (Boolean.FALSE.equals(deferrable) && Boolean.TRUE.equals(initially)) {
      throw new PgSyntaxException("constraint declared INITIALLY DEFERRED must be DEFERRABLE", pos);
    }
    return new ConstraintTiming(deferrable, initially);
  }

  /** PostgreSQL's transformColumnDefinition checks that raise syntax errors. */
  public static void checkColumn(List<SqlNode> constraints, boolean serial, SqlParserPos pos) {
    int nullability = 0;
    int defaults = serial ? 1 : 0;
    int identities = 0;
    int generated = 0;
    int collations = 0;
    for (SqlNode n : constraints) {
      switch (((SqlPgColumnConstraint) n).type()) {
        case NOT_NULL, NULL -> nullability++;
        case DEFAULT -> defaults++;
        case IDENTITY -> identities++;
        case GENERATED_STORED, GENERATED_VIRTUAL, GENERATED -> generated++;
        case COLLATE -> collations++;
        default -> {}
      }
    }
    boolean explicitNull =
        constraints.stream()
            .anyMatch(c -> ((SqlPgColumnConstraint) c).type() == SqlPgColumnConstraint.Type.NULL);
    if (nullability > 1 || ((identities > 0 || serial) && explicitNull)) {
      throw new PgSyntaxException("conflicting NULL/NOT NULL declarations", pos);
    }
    if (defaults > 1) {
      throw new PgSyntaxException("multiple default values specified", pos);
    }
    if (identities > 1) {
      throw new PgSyntaxException("multiple identity specifications", pos);
    }
    if (generated > 1) {
      throw new PgSyntaxException("multiple generation clauses specified", pos);
    }
    if (defaults + identities + generated > 1) {
      throw new PgSyntaxException("both default and identity/generation specified", pos);
    }
    if (collations > 1) {
      throw new PgSyntaxException("multiple COLLATE clauses not allowed", pos);
    }
  }
}

package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.ddl.DdlParseResult;
import dev.drawbridge.policy.ddl.DdlParser;
import java.util.Optional;

/**
 * Turns the text of one DDL statement into the risk model, or says why it cannot. The production
 * front end is {@link #calcite()}: the Calcite-generated PostgreSQL DDL parser plus {@link
 * CalciteDdlAdapter}. Statement splitting and classification happen before, in {@code
 * dev.drawbridge.policy.sql.SqlAnalyzer}; only statements it classifies as DDL come here.
 */
@FunctionalInterface
public interface DdlFrontEnd {

  Result parse(String statement);

  /** The outcome of parsing one statement. */
  sealed interface Result {
    /** Parsed into the model. */
    record Ok(DdlStatement statement) implements Result {}

    /** Not understood; fail closed. */
    record Failed(String reason) implements Result {}
  }

  /**
   * The DDL parser of {@code dev.drawbridge.policy.ddl}. Whatever it refuses, or parses into
   * something the risk model cannot represent, is not understood; the reason names the position
   * within the statement.
   */
  static DdlFrontEnd calcite() {
    DdlParser parser = new DdlParser();
    return text -> {
      DdlParseResult r = parser.parse(text);
      if (r instanceof DdlParseResult.Parsed p) {
        try {
          return new Result.Ok(CalciteDdlAdapter.statement(p.statement()));
        } catch (CalciteDdlAdapter.Unsupported | ClassCastException e) {
          return new Result.Failed(e.getMessage());
        }
      }
      DdlParseResult.NotUnderstood n = (DdlParseResult.NotUnderstood) r;
      return new Result.Failed(n.message() + " at line " + n.line() + ", column " + n.column());
    };
  }

  /**
   * Reads a CHECK constraint as the catalog prints it ({@code pg_get_constraintdef}: {@code CHECK
   * ((qty > 0))}, optionally followed by {@code NOT VALID}) with the same parser, by parsing it as
   * the constraint of an {@code ALTER TABLE ... ADD CONSTRAINT}. Empty when it does not parse.
   */
  static Optional<Expr> checkDefinition(String definition) {
    if (definition == null || definition.indexOf(';') >= 0) {
      return Optional.empty();
    }
    Result r = calcite().parse("ALTER TABLE t ADD CONSTRAINT c " + definition);
    if (r instanceof Result.Ok ok
        && ok.statement() instanceof DdlStatement.AlterTable a
        && a.actions().size() == 1
        && a.actions().getFirst() instanceof AlterAction.AddConstraint ac
        && ac.constraint() instanceof TableConstraint.Check check) {
      return Optional.of(check.expression());
    }
    return Optional.empty();
  }
}

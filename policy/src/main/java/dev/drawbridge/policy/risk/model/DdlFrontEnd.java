package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.ddl.DdlParseResult;
import dev.drawbridge.policy.ddl.DdlParser;

/**
 * Turns the text of one statement into the risk model, or says why it cannot. The production front
 * end is {@link #calcite()}: the Calcite-generated PostgreSQL DDL parser plus {@link
 * CalciteDdlAdapter}. {@link #stopgap()} is the hand-written reader this package used before the
 * DDL parser existed; it stays as a differential reference in tests.
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
   * The DDL parser of {@code dev.drawbridge.policy.ddl}. Statements it refuses are still recognised
   * as opaque ({@code DO}, {@code CREATE FUNCTION/PROCEDURE}) so the {@code opaque-ddl} rule can
   * name them; everything else it refuses is not understood.
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
      if (stopgap().parse(text) instanceof Result.Ok ok
          && ok.statement() instanceof DdlStatement.Opaque) {
        return ok;
      }
      return new Result.Failed(n.message() + " at line " + n.line() + ", column " + n.column());
    };
  }

  /** The hand-written subset reader ({@link StopgapDdlParser}). */
  static DdlFrontEnd stopgap() {
    return text -> {
      try {
        return new Result.Ok(StopgapDdlParser.parse(text));
      } catch (StopgapDdlParser.ParseException e) {
        return new Result.Failed(e.getMessage());
      }
    };
  }
}

package dev.drawbridge.policy.sql;

import java.util.List;

/** The outcome of analysing one query string: its statements, or why it could not be lexed. */
public sealed interface Analysis {

  /** The query string as received. */
  String sql();

  /**
   * The query string lexed and split; each statement classified.
   *
   * @param statements the non-empty statements in order; empty for an empty query string
   */
  record Statements(String sql, List<ClassifiedStatement> statements) implements Analysis {
    public Statements {
      statements = List.copyOf(statements);
    }
  }

  /** The query string is not lexically valid (or too long): nothing in it may be forwarded. */
  record LexicalFailure(String sql, LexicalError error) implements Analysis {}
}

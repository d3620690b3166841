package dev.drawbridge.policy.sql;

/**
 * Why a query string could not be lexed. A gateway must refuse such input: PostgreSQL would either
 * reject it too or read it differently than we do.
 *
 * @param message what is wrong, in PostgreSQL's words where it has them
 * @param position where the offending token starts
 */
public record LexicalError(String message, SourcePosition position) {

  @Override
  public String toString() {
    return message + " at " + position;
  }
}

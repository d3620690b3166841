package dev.drawbridge.gateway.audit;

/**
 * How captured facts become events: whether literals in SQL text are redacted.
 *
 * @param redactLiterals replace literals in recorded SQL with {@code ?}
 */
public record EventFormatting(boolean redactLiterals) {

  public StatementText statement(String sql) {
    return StatementText.of(sql, redactLiterals);
  }
}

package dev.drawbridge.gateway.audit;

import java.time.Instant;
import java.util.TreeMap;

/**
 * What became of one statement: its result as the upstream reported it. Paired with its {@code
 * statement} event by session and statement number.
 *
 * @param number the statement's number in the session; 0 for an execution of a statement prepared
 *     earlier (Bind/Execute without a Parse of its own)
 * @param result ok, error, empty, no-result (prepared, never executed), skipped (after an earlier
 *     error in the same batch) or unanswered (the session ended first)
 * @param tag the last command tag, or null
 * @param rows rows affected or returned, summed over the statement's commands; -1 when unknown
 * @param sqlState the error's SQLSTATE, or null
 * @param micros time from arrival at the gateway to the outcome, in microseconds; -1 unknown
 */
record OutcomeEvent(
    SessionFacts facts,
    long number,
    Instant at,
    String result,
    String tag,
    long rows,
    String sqlState,
    long micros)
    implements AuditRecordable {

  @Override
  public AuditEvent toEvent(EventFormatting formatting) {
    TreeMap<String, String> details = new TreeMap<>();
    details.put("statement", Long.toString(number));
    details.put("result", result);
    if (tag != null) {
      details.put("tag", tag);
    }
    if (rows >= 0) {
      details.put("rows", Long.toString(rows));
    }
    if (sqlState != null) {
      details.put("sqlstate", sqlState);
    }
    if (micros >= 0) {
      details.put("duration_ms", String.format(java.util.Locale.ROOT, "%.3f", micros / 1000.0));
    }
    return facts.event(at, "statement.outcome", details, null, sqlState);
  }
}

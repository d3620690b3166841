package dev.drawbridge.gateway.audit;

import dev.drawbridge.proxy.gate.GateStatement;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A statement as captured on the event loop: raw SQL and the decision. The writer thread turns it
 * into a {@code statement} event (normalized, redacted text; fingerprint; class; tables).
 */
record StatementEvent(
    SessionFacts facts,
    long number,
    Instant at,
    GateStatement statement,
    String decision,
    String rule,
    String statementClass,
    String reason)
    implements AuditRecordable {

  @Override
  public AuditEvent toEvent(EventFormatting formatting) {
    StatementText text = formatting.statement(statement.sql());
    TreeMap<String, String> details = new TreeMap<>();
    details.put("statement", Long.toString(number));
    details.put("protocol", statement.protocol().name().toLowerCase(Locale.ROOT));
    details.put("text", text.text());
    details.put("fingerprint", text.fingerprint());
    details.put(
        "class",
        statementClass != null
            ? statementClass
            : text.statementClass().name().toLowerCase(Locale.ROOT));
    if (!statement.statementName().isEmpty()) {
      details.put("prepared_name", statement.statementName());
    }
    if (reason != null) {
      details.put("reason", reason);
    }
    return new AuditEvent(
        at,
        statement.protocol() == GateStatement.Protocol.STARTUP ? "session.setting" : "statement",
        facts.session().user(),
        facts.auditId(),
        facts.session().database(),
        decision,
        rule,
        text.tables(),
        details);
  }
}

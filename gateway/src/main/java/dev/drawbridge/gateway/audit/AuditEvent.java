package dev.drawbridge.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One thing that happened, before it is chained. Other packages build these (the rollout executor,
 * the workflow) and hand them to {@link AuditLog}.
 *
 * @param at when it happened; kept to microseconds, as the store keeps it
 * @param type dotted lower-case name, e.g. {@code session.start}, {@code request.approved}
 * @param actor who did it: a user name, or {@code gateway} for the gateway itself
 * @param sessionId the client session, or null
 * @param database the database, or null
 * @param decision the gate's decision (statements), or null
 * @param rule the rule or SQLSTATE behind a decision, or null
 * @param tables the tables it concerns
 * @param details everything else, as text values
 */
public record AuditEvent(
    Instant at,
    String type,
    String actor,
    String sessionId,
    String database,
    String decision,
    String rule,
    List<String> tables,
    SortedMap<String, String> details)
    implements AuditRecordable {

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("not an audit event type: " + type);
    }
    at = at.truncatedTo(ChronoUnit.MICROS);
    tables = List.copyOf(tables);
    details = new TreeMap<>(details);
  }

  /** An event with only a type, an actor and details: the usual shape outside of sessions. */
  public static AuditEvent of(Instant at, String type, String actor, Map<String, String> details) {
    return new AuditEvent(
        at, type, actor, null, null, null, null, List.of(), new TreeMap<>(details));
  }

  /** The same event about a database and tables. */
  public AuditEvent on(String database, List<String> tables) {
    return new AuditEvent(at, type, actor, sessionId, database, decision, rule, tables, details);
  }

  /** The same event, in a session. */
  public AuditEvent inSession(String session) {
    return new AuditEvent(at, type, actor, session, database, decision, rule, tables, details);
  }

  /** The same event with a decision and the rule behind it. */
  public AuditEvent decided(String decisionTag, String ruleTag) {
    return new AuditEvent(
        at, type, actor, sessionId, database, decisionTag, ruleTag, tables, details);
  }

  /** Already an event. */
  @Override
  public AuditEvent toEvent(EventFormatting formatting) {
    return this;
  }

  @Override
  public SortedMap<String, String> details() {
    return java.util.Collections.unmodifiableSortedMap(details);
  }
}

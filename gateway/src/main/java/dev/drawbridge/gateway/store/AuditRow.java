package dev.drawbridge.gateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@code audit_events}: an event as chained and stored.
 *
 * @param gatewayId the chain: the gateway that wrote it
 * @param seq its place in the chain, from 1, without gaps
 * @param occurredAt when it happened (microsecond precision, as stored)
 * @param type what happened, e.g. {@code session.start}, {@code statement}
 * @param actor who did it (a user, an agent, or {@code gateway})
 * @param sessionId the client session, or null
 * @param database the database, or null
 * @param decision the gate's decision for statements, or null
 * @param rule the rule or SQLSTATE behind the decision, or null
 * @param tables the tables the event concerns
 * @param details a JSON object with sorted keys: everything else about the event
 * @param prevHash the previous row's hash (64 zeros for the first row of a chain)
 * @param hash SHA-256 over the canonical encoding of every other field, hex
 */
public record AuditRow(
    String gatewayId,
    long seq,
    Instant occurredAt,
    String type,
    String actor,
    String sessionId,
    String database,
    String decision,
    String rule,
    List<String> tables,
    String details,
    String prevHash,
    String hash) {

  public AuditRow {
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
    tables = List.copyOf(tables);
  }
}

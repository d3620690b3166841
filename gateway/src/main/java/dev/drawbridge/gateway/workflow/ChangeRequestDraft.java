package dev.drawbridge.gateway.workflow;

import java.util.Objects;

/**
 * A statement that needs approval, as the gate saw it.
 *
 * @param requester the principal's name
 * @param requesterIsAgent true when the principal is an agent
 * @param database the database the session is connected to
 * @param statement the statement's SQL as the client sent it
 * @param fingerprint the plan fingerprint approvals bind to
 * @param planJson the staged plan as JSON (the contract of {@code drawbridge plan --format json})
 * @param riskJson verdict and findings as JSON
 * @param factsJson the catalog facts the verdict was based on, as JSON (the facts-file format)
 * @param reason why approval is needed, one line for people
 */
public record ChangeRequestDraft(
    String requester,
    boolean requesterIsAgent,
    String database,
    String statement,
    String fingerprint,
    String planJson,
    String riskJson,
    String factsJson,
    String reason) {

  public ChangeRequestDraft {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(planJson, "planJson");
    Objects.requireNonNull(riskJson, "riskJson");
    Objects.requireNonNull(factsJson, "factsJson");
    Objects.requireNonNull(reason, "reason");
  }
}

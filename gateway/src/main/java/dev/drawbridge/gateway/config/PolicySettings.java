package dev.drawbridge.gateway.config;

import dev.drawbridge.policy.access.AccessRules;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code policy:} section, validated: how the statement gate enforces.
 *
 * @param notUnderstood what happens to statements the policy does not understand
 * @param accessRules configured access rules (before the built-in defaults)
 * @param factsTimeout how long a schema change may wait for catalog facts before they count as
 *     unknown (a large, busy table)
 * @param agentStatementTimeout the statement timeout agent sessions run with
 * @param passthroughRoles roles of principals the gateway knows no roles for (passthrough auth)
 */
public record PolicySettings(
    NotUnderstoodAction notUnderstood,
    AccessRules accessRules,
    Duration factsTimeout,
    Duration agentStatementTimeout,
    Set<String> passthroughRoles) {

  public static final Duration DEFAULT_FACTS_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_AGENT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
  public static final Set<String> DEFAULT_PASSTHROUGH_ROLES = Set.of("engineer");

  public PolicySettings {
    Objects.requireNonNull(notUnderstood, "notUnderstood");
    Objects.requireNonNull(accessRules, "accessRules");
    Objects.requireNonNull(factsTimeout, "factsTimeout");
    Objects.requireNonNull(agentStatementTimeout, "agentStatementTimeout");
    passthroughRoles = Set.copyOf(passthroughRoles);
    if (factsTimeout.isNegative() || factsTimeout.isZero()) {
      throw new IllegalArgumentException("policy.facts-timeout must be positive");
    }
    if (agentStatementTimeout.isNegative() || agentStatementTimeout.isZero()) {
      throw new IllegalArgumentException("policy.agent-statement-timeout must be positive");
    }
  }

  /** Deny what is not understood, default rules and timeouts, passthrough users are engineers. */
  public static PolicySettings defaults() {
    return new PolicySettings(
        NotUnderstoodAction.DENY,
        AccessRules.defaults(),
        DEFAULT_FACTS_TIMEOUT,
        DEFAULT_AGENT_STATEMENT_TIMEOUT,
        DEFAULT_PASSTHROUGH_ROLES);
  }
}

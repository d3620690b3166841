package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.config.NotUnderstoodAction;
import dev.drawbridge.gateway.config.PolicyMode;
import dev.drawbridge.gateway.config.PolicySettings;
import dev.drawbridge.policy.access.AccessRules;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the {@link PolicyGate} enforces: the mode and the {@code policy:} settings.
 *
 * @param mode enforce (stop what the policy rejects) or observe (record it, forward everything)
 * @param policy what is not understood, access rules, timeouts, passthrough roles
 */
public record EnforcementSettings(PolicyMode mode, PolicySettings policy) {

  public EnforcementSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(policy, "policy");
  }

  /** Enforce with the default rules and timeouts. */
  public static EnforcementSettings defaults() {
    return new EnforcementSettings(PolicyMode.ENFORCE, PolicySettings.defaults());
  }

  public NotUnderstoodAction notUnderstood() {
    return policy.notUnderstood();
  }

  public AccessRules accessRules() {
    return policy.accessRules();
  }

  public Duration factsTimeout() {
    return policy.factsTimeout();
  }

  public Duration agentStatementTimeout() {
    return policy.agentStatementTimeout();
  }

  public Set<String> passthroughRoles() {
    return policy.passthroughRoles();
  }

  public EnforcementSettings withMode(PolicyMode m) {
    return new EnforcementSettings(m, policy);
  }

  public EnforcementSettings withNotUnderstood(NotUnderstoodAction a) {
    return new EnforcementSettings(
        mode,
        new PolicySettings(
            a,
            policy.accessRules(),
            policy.factsTimeout(),
            policy.agentStatementTimeout(),
            policy.passthroughRoles()));
  }
}

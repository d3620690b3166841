package dev.drawbridge.gateway.config;

import dev.drawbridge.gateway.audit.AuditDefaults;
import dev.drawbridge.gateway.audit.AuditSettings;
import dev.drawbridge.gateway.rollout.RolloutConfig;
import dev.drawbridge.gateway.store.StoreSettings;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.proxy.ProxyConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated, immutable configuration the gateway runs with.
 *
 * @param proxy everything the wire-protocol proxy needs
 * @param mode enforce or observe
 * @param admin where the admin HTTP listener binds, if anywhere
 * @param warnings things that are allowed but probably not meant, printed at startup
 * @param policy how the statement gate enforces (the {@code policy:} section)
 * @param oidc token authentication for users that are not local users (gateway auth mode)
 * @param stateStore where requests, approvals and grants are kept, if configured
 * @param workflow how approvals and grants work
 * @param rollout the executor of approved plans, if configured (the {@code rollout:} section)
 * @param audit how the audit trail is recorded (when there is a state store)
 */
public record GatewayConfig(
    ProxyConfig proxy,
    PolicyMode mode,
    Optional<HostPort> admin,
    List<String> warnings,
    PolicySettings policy,
    Optional<OidcConfig> oidc,
    Optional<StoreSettings> stateStore,
    WorkflowSettings workflow,
    Optional<RolloutConfig> rollout,
    AuditSettings audit) {

  public GatewayConfig {
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(admin, "admin");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(oidc, "oidc");
    Objects.requireNonNull(stateStore, "stateStore");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(rollout, "rollout");
  }

  /** No rollout executor, the default audit settings. */
  public GatewayConfig(
      ProxyConfig proxy,
      PolicyMode mode,
      Optional<HostPort> admin,
      List<String> warnings,
      PolicySettings policy,
      Optional<OidcConfig> oidc,
      Optional<StoreSettings> stateStore,
      WorkflowSettings workflow) {
    this(
        proxy,
        mode,
        admin,
        warnings,
        policy,
        oidc,
        stateStore,
        workflow,
        Optional.empty(),
        AuditDefaults.settings());
  }

  /** The default audit settings. */
  public GatewayConfig(
      ProxyConfig proxy,
      PolicyMode mode,
      Optional<HostPort> admin,
      List<String> warnings,
      PolicySettings policy,
      Optional<OidcConfig> oidc,
      Optional<StoreSettings> stateStore,
      WorkflowSettings workflow,
      Optional<RolloutConfig> rollout) {
    this(
        proxy,
        mode,
        admin,
        warnings,
        policy,
        oidc,
        stateStore,
        workflow,
        rollout,
        AuditDefaults.settings());
  }

  /** No rollout executor. */
  public GatewayConfig(
      ProxyConfig proxy,
      PolicyMode mode,
      Optional<HostPort> admin,
      List<String> warnings,
      PolicySettings policy,
      Optional<OidcConfig> oidc,
      Optional<StoreSettings> stateStore,
      WorkflowSettings workflow,
      AuditSettings audit) {
    this(proxy, mode, admin, warnings, policy, oidc, stateStore, workflow, Optional.empty(), audit);
  }

  /** Default policy settings, no token authentication, no state store. */
  public GatewayConfig(
      ProxyConfig proxy, PolicyMode mode, Optional<HostPort> admin, List<String> warnings) {
    this(proxy, mode, admin, warnings, PolicySettings.defaults());
  }

  /** No token authentication, no state store. */
  public GatewayConfig(
      ProxyConfig proxy,
      PolicyMode mode,
      Optional<HostPort> admin,
      List<String> warnings,
      PolicySettings policy) {
    this(
        proxy,
        mode,
        admin,
        warnings,
        policy,
        Optional.empty(),
        Optional.empty(),
        WorkflowSettings.defaults());
  }

  /** Default policy settings, no state store. */
  public GatewayConfig(
      ProxyConfig proxy,
      PolicyMode mode,
      Optional<HostPort> admin,
      List<String> warnings,
      Optional<OidcConfig> oidc) {
    this(
        proxy,
        mode,
        admin,
        warnings,
        PolicySettings.defaults(),
        oidc,
        Optional.empty(),
        WorkflowSettings.defaults());
  }
}

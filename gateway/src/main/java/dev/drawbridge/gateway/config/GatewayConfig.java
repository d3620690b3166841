package dev.drawbridge.gateway.config;

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
 * @param stateStore where requests, approvals and grants are kept, if configured
 * @param workflow how approvals and grants work
 */
public record GatewayConfig(
    ProxyConfig proxy,
    PolicyMode mode,
    Optional<HostPort> admin,
    List<String> warnings,
    PolicySettings policy,
    Optional<StoreSettings> stateStore,
    WorkflowSettings workflow) {

  public GatewayConfig {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(admin, "admin");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(stateStore, "stateStore");
    Objects.requireNonNull(workflow, "workflow");
  }

  /** A configuration with the default policy settings, without a state store. */
  public GatewayConfig(
      ProxyConfig proxy, PolicyMode mode, Optional<HostPort> admin, List<String> warnings) {
    this(proxy, mode, admin, warnings, PolicySettings.defaults());
  }

  /** A configuration without a state store and with the default workflow. */
  public GatewayConfig(
      ProxyConfig proxy,
      PolicyMode mode,
      Optional<HostPort> admin,
      List<String> warnings,
      PolicySettings policy) {
    this(proxy, mode, admin, warnings, policy, Optional.empty(), WorkflowSettings.defaults());
  }
}

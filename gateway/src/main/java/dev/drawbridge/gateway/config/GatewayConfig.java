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
 * @param stateStore where requests, approvals and grants are kept, if configured
 * @param workflow how approvals and grants work
 */
public record GatewayConfig(
    ProxyConfig proxy,
    PolicyMode mode,
    Optional<HostPort> admin,
    List<String> warnings,
    Optional<StoreSettings> stateStore,
    WorkflowSettings workflow) {

  public GatewayConfig {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(admin, "admin");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(stateStore, "stateStore");
    Objects.requireNonNull(workflow, "workflow");
  }

  /** A configuration without a state store and with the default workflow. */
  public GatewayConfig(
      ProxyConfig proxy, PolicyMode mode, Optional<HostPort> admin, List<String> warnings) {
    this(proxy, mode, admin, warnings, Optional.empty(), WorkflowSettings.defaults());
  }
}

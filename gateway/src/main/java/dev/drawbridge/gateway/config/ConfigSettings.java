package dev.drawbridge.gateway.config;

import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings from one source (the file or the flags) before validation. A null field means "not set
 * here"; {@link #overriddenBy} layers the flags over the file.
 *
 * @param users local users, or null when this source names none
 * @param policy the {@code policy:} section (file only), or null when this source has none
 * @param stateStore the {@code state-store} section, or null
 * @param workflow the {@code workflow} section, or null
 * @param rollout the {@code rollout} section, or null
 * @param audit the {@code audit} section, or null
 */
public record ConfigSettings(
    HostPort listen,
    UpstreamUrl upstream,
    String upstreamPassword,
    AuthMode auth,
    PolicyMode mode,
    HostPort admin,
    Path tlsCert,
    Path tlsKey,
    List<UserSpec> users,
    Long maxMessageSize,
    Integer maxClientConnections,
    Duration authTimeout,
    Duration idleTimeout,
    Duration upstreamConnectTimeout,
    Duration shutdownGrace,
    Integer eventLoopThreads,
    PolicySettings policy,
    OidcSettings oidc,
    StateStoreSection stateStore,
    WorkflowSection workflow,
    RolloutSection rollout,
    AuditSection audit) {

  /**
   * The {@code oidc} section as written, before validation; null fields are not set.
   *
   * @param requireTls null means the default (true)
   */
  public record OidcSettings(
      String issuer,
      String jwksUrl,
      String audience,
      Duration clockSkew,
      Boolean requireTls,
      Duration jwksRefresh) {

    /** {@code base} with every value {@code over} sets replacing it. */
    static OidcSettings merge(OidcSettings base, OidcSettings over) {
      if (base == null || over == null) {
        return over != null ? over : base;
      }
      return new OidcSettings(
          pick(over.issuer, base.issuer),
          pick(over.jwksUrl, base.jwksUrl),
          pick(over.audience, base.audience),
          pick(over.clockSkew, base.clockSkew),
          pick(over.requireTls, base.requireTls),
          pick(over.jwksRefresh, base.jwksRefresh));
    }
  }

  public ConfigSettings {
    users = users == null ? null : List.copyOf(users);
  }

  /** Nothing set. */
  public static ConfigSettings empty() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * These settings with every value {@code other} sets replacing this one's. Users are merged by
   * name: a user in {@code other} replaces the one with the same name here; the rest are kept.
   */
  public ConfigSettings overriddenBy(ConfigSettings other) {
    return new ConfigSettings(
        pick(other.listen, listen),
        pick(other.upstream, upstream),
        pick(other.upstreamPassword, upstreamPassword),
        pick(other.auth, auth),
        pick(other.mode, mode),
        pick(other.admin, admin),
        pick(other.tlsCert, tlsCert),
        pick(other.tlsKey, tlsKey),
        mergeUsers(users, other.users),
        pick(other.maxMessageSize, maxMessageSize),
        pick(other.maxClientConnections, maxClientConnections),
        pick(other.authTimeout, authTimeout),
        pick(other.idleTimeout, idleTimeout),
        pick(other.upstreamConnectTimeout, upstreamConnectTimeout),
        pick(other.shutdownGrace, shutdownGrace),
        pick(other.eventLoopThreads, eventLoopThreads),
        pick(other.policy, policy),
        OidcSettings.merge(oidc, other.oidc),
        StateStoreSection.merge(stateStore, other.stateStore),
        WorkflowSection.merge(workflow, other.workflow),
        RolloutSection.merge(rollout, other.rollout),
        AuditSection.merge(audit, other.audit));
  }

  private static <T> T pick(T preferred, T fallback) {
    return preferred != null ? preferred : fallback;
  }

  private static List<UserSpec> mergeUsers(List<UserSpec> base, List<UserSpec> over) {
    if (over == null) {
      return base;
    }
    if (base == null) {
      return over;
    }
    Map<String, UserSpec> byName = new LinkedHashMap<>();
    base.forEach(u -> byName.put(u.name(), u));
    over.forEach(u -> byName.put(u.name(), u));
    return new ArrayList<>(byName.values());
  }

  /** Builds settings field by field; unset fields stay null. */
  public static final class Builder {
    private HostPort listen;
    private UpstreamUrl upstream;
    private String upstreamPassword;
    private AuthMode auth;
    private PolicyMode mode;
    private HostPort admin;
    private Path tlsCert;
    private Path tlsKey;
    private List<UserSpec> users;
    private Long maxMessageSize;
    private Integer maxClientConnections;
    private Duration authTimeout;
    private Duration idleTimeout;
    private Duration upstreamConnectTimeout;
    private Duration shutdownGrace;
    private Integer eventLoopThreads;
    private PolicySettings policy;
    private OidcSettings oidc;
    private StateStoreSection stateStore;
    private WorkflowSection workflow;
    private RolloutSection rollout;
    private AuditSection audit;

    private Builder() {}

    public Builder oidc(OidcSettings v) {
      oidc = v;
      return this;
    }

    public Builder listen(HostPort v) {
      listen = v;
      return this;
    }

    public Builder upstream(UpstreamUrl v) {
      upstream = v;
      return this;
    }

    public Builder upstreamPassword(String v) {
      upstreamPassword = v;
      return this;
    }

    public Builder auth(AuthMode v) {
      auth = v;
      return this;
    }

    public Builder mode(PolicyMode v) {
      mode = v;
      return this;
    }

    public Builder admin(HostPort v) {
      admin = v;
      return this;
    }

    public Builder tlsCert(Path v) {
      tlsCert = v;
      return this;
    }

    public Builder tlsKey(Path v) {
      tlsKey = v;
      return this;
    }

    public Builder users(List<UserSpec> v) {
      users = v;
      return this;
    }

    public Builder maxMessageSize(Long v) {
      maxMessageSize = v;
      return this;
    }

    public Builder maxClientConnections(Integer v) {
      maxClientConnections = v;
      return this;
    }

    public Builder authTimeout(Duration v) {
      authTimeout = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public Builder upstreamConnectTimeout(Duration v) {
      upstreamConnectTimeout = v;
      return this;
    }

    public Builder shutdownGrace(Duration v) {
      shutdownGrace = v;
      return this;
    }

    public Builder eventLoopThreads(Integer v) {
      eventLoopThreads = v;
      return this;
    }

    public Builder policy(PolicySettings v) {
      policy = v;
      return this;
    }

    public Builder stateStore(StateStoreSection v) {
      stateStore = v;
      return this;
    }

    public Builder audit(AuditSection v) {
      audit = v;
      return this;
    }

    public Builder workflow(WorkflowSection v) {
      workflow = v;
      return this;
    }

    public Builder rollout(RolloutSection v) {
      rollout = v;
      return this;
    }

    public ConfigSettings build() {
      return new ConfigSettings(
          listen,
          upstream,
          upstreamPassword,
          auth,
          mode,
          admin,
          tlsCert,
          tlsKey,
          users,
          maxMessageSize,
          maxClientConnections,
          authTimeout,
          idleTimeout,
          upstreamConnectTimeout,
          shutdownGrace,
          eventLoopThreads,
          policy,
          oidc,
          stateStore,
          workflow,
          rollout,
          audit);
    }
  }
}

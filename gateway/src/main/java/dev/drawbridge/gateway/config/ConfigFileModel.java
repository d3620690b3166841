package dev.drawbridge.gateway.config;

import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import java.time.Duration;
import java.util.List;

/**
 * The shape of {@code drawbridge.yaml}: one record per section, keys in kebab-case. Jackson maps
 * the file onto these records and rejects any key they do not declare.
 */
final class ConfigFileModel {

  private ConfigFileModel() {}

  /** The whole file. */
  record File(
      HostPort listen,
      Upstream upstream,
      AuthMode auth,
      PolicyMode mode,
      HostPort admin,
      Tls tls,
      List<User> users,
      Limits limits,
      Oidc oidc,
      Integer eventLoopThreads,
      Policy policy,
      StateStore stateStore,
      Workflow workflow,
      Rollout rollout,
      Audit audit) {}

  /** {@code audit:} — the audit trail. */
  record Audit(
      String gatewayId,
      String onStoreOutage,
      String spoolFile,
      Boolean redactLiterals,
      Boolean writeAhead,
      Integer queueCapacity,
      Integer batchSize,
      Duration retryInterval,
      String headFile,
      Duration headInterval) {}

  /** {@code policy:} — how the statement gate enforces. */
  record Policy(
      NotUnderstoodAction notUnderstood,
      Duration factsTimeout,
      Duration agentStatementTimeout,
      List<String> passthroughRoles,
      List<AccessRuleEntry> accessRules) {}

  /** One entry of {@code policy.access-rules:}. */
  record AccessRuleEntry(
      String role,
      String kind,
      List<String> classes,
      String database,
      String decision,
      String reason) {}

  /** {@code upstream:} — the PostgreSQL server behind the gateway. */
  record Upstream(UpstreamUrl url, String password, Duration connectTimeout) {}

  /** {@code tls:} — certificate and key for client connections. */
  record Tls(String cert, String key) {}

  /** One entry of {@code users:}. */
  record User(String name, String password, List<String> roles) {
    User {
      UserSpec.of(name, password, roles);
    }
  }

  /** {@code oidc:} — OIDC access tokens (Keycloak) as the password in gateway auth mode. */
  record Oidc(
      String issuer,
      String jwksUrl,
      String audience,
      Duration clockSkew,
      Boolean requireTls,
      Duration jwksRefresh) {}

  /** {@code limits:} — protection against misbehaving clients. */
  record Limits(
      ByteSize maxMessageSize,
      Integer maxClientConnections,
      Duration authTimeout,
      Duration idleTimeout,
      Duration shutdownGrace) {}

  /** {@code state-store:} — the PostgreSQL database that holds requests, approvals and grants. */
  record StateStore(
      String url,
      String host,
      Integer port,
      String database,
      String user,
      String password,
      Integer poolSize,
      Duration connectTimeout) {}

  /** {@code workflow:} — how approvals and grants work. */
  record Workflow(
      Integer approvalsRequired,
      Duration defaultWindow,
      Duration maxWindow,
      Duration requestTimeout,
      Duration sweepInterval,
      SessionLogin readLogin,
      SessionLogin writeLogin,
      String onElevationExpiry,
      Duration grantRecheck) {}

  /** {@code workflow.read-login:} and {@code workflow.write-login:}. */
  record SessionLogin(String user, String password) {}

  /** {@code rollout:} — the executor of approved plans and its upstream DDL credential. */
  record Rollout(
      String ddlUser,
      String ddlPassword,
      Integer poolSize,
      Duration lockTimeout,
      Integer maxAttempts,
      Duration targetBatchDuration,
      Integer maxBatchSize,
      Duration batchPause,
      Duration maxReplicationLag,
      Integer maxLockWaiters,
      Duration lease,
      Duration heartbeat,
      Duration ddlStatementTimeout,
      Duration concurrentStatementTimeout,
      Duration validateStatementTimeout,
      Duration batchStatementTimeout) {}

  /** A size in bytes, written as {@code 64MB} and the like. */
  record ByteSize(long bytes) {}
}

package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.store.AccessLevel;
import dev.drawbridge.gateway.workflow.ElevationExpiry;
import dev.drawbridge.gateway.workflow.SessionLogin;
import dev.drawbridge.proxy.gate.UpstreamCredential;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The upstream logins of client sessions per access level, and what happens when a JIT elevation
 * ends. Sessions at the read level log in as {@code read}, sessions at the write level (and under a
 * write or ddl elevation) as {@code write}; either falls back to the upstream's own user. The ddl
 * login is never a session's: the gateway keeps it for its own pool.
 *
 * @param upstream the upstream's own user, present only in gateway auth mode (where the gateway
 *     logs in upstream itself and so can choose the login)
 * @param read the read-level login, if configured
 * @param write the write-level login, if configured
 * @param onExpiry what an elevated session does when its elevation ends
 * @param recheck how often an elevated session checks that its grant still stands
 */
public record SessionLogins(
    Optional<SessionLogin> upstream,
    Optional<SessionLogin> read,
    Optional<SessionLogin> write,
    ElevationExpiry onExpiry,
    Duration recheck) {

  public SessionLogins {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(write, "write");
    Objects.requireNonNull(onExpiry, "onExpiry");
    Objects.requireNonNull(recheck, "recheck");
  }

  /** Passthrough auth: the client's own login, which the gateway cannot change. */
  public static SessionLogins passthrough() {
    return new SessionLogins(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ElevationExpiry.SWITCH_BACK,
        Duration.ofSeconds(10));
  }

  /** True when the gateway chooses the sessions' upstream logins (gateway auth mode). */
  public boolean managed() {
    return upstream.isPresent();
  }

  /** The login for a session at {@code level}, with the startup parameters it needs. */
  UpstreamCredential credential(AccessLevel level, Map<String, String> parameters) {
    SessionLogin l = (level == AccessLevel.READ ? read : write).orElse(upstream.orElseThrow());
    return new UpstreamCredential(l.user(), l.password(), parameters);
  }
}

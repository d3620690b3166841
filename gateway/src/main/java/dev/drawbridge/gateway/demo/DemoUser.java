package dev.drawbridge.gateway.demo;

import java.util.List;
import java.util.Set;

/**
 * A built-in demo user. The passwords are printed at startup; the demo listens on loopback only.
 *
 * @param name login name
 * @param password plaintext demo password
 * @param role the gateway role
 * @param what one line on what this user is for
 */
public record DemoUser(String name, String password, String role, String what) {

  /** alice (engineer), bob (approver), carol (auditor). */
  public static final List<DemoUser> ALL =
      List.of(
          new DemoUser("alice", "alice-demo", "engineer", "runs queries and schema changes"),
          new DemoUser("bob", "bob-demo", "approver", "approves alice's change requests"),
          new DemoUser("carol", "carol-demo", "auditor", "reads the audit log"));

  public Set<String> roles() {
    return Set.of(role);
  }
}

package dev.drawbridge.admin.api;

import java.util.Set;

/** The roles the admin API knows (Keycloak realm roles, or a local user's roles). */
public final class Roles {

  /** Runs the gateway: sessions, grants. */
  public static final String ADMIN = "admin";

  /** Approves or denies other people's change requests. */
  public static final String APPROVER = "approver";

  /** Reads everything, changes nothing. */
  public static final String AUDITOR = "auditor";

  /** Asks for changes and access. */
  public static final String ENGINEER = "engineer";

  /** An AI agent: asks, never approves. */
  public static final String AGENT = "agent";

  public static final Set<String> OPERATORS = Set.of(ADMIN);
  public static final Set<String> READERS = Set.of(ADMIN, AUDITOR);

  private Roles() {}
}

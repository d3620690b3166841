package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.store.AccessLevel;
import dev.drawbridge.policy.access.AccessDecision;
import dev.drawbridge.policy.access.AccessRules;
import dev.drawbridge.policy.access.Principal;
import dev.drawbridge.policy.sql.StatementClass;

/**
 * The access rules' answer for every statement class, worked out once per session: the decision
 * depends only on the principal, the database and the class, so the hot path is an array lookup.
 */
final class SessionAccess {

  private final Principal principal;
  private final String database;
  private final AccessDecision[] byClass;

  SessionAccess(AccessRules rules, Principal principal, String database) {
    this.principal = principal;
    this.database = database;
    StatementClass[] classes = StatementClass.values();
    byClass = new AccessDecision[classes.length];
    for (StatementClass c : classes) {
      byClass[c.ordinal()] = rules.decide(principal, database, c);
    }
  }

  private SessionAccess(Principal principal, String database, AccessDecision[] byClass) {
    this.principal = principal;
    this.database = database;
    this.byClass = byClass;
  }

  /** The access level the rules give this session without an elevation: write or read. */
  AccessLevel level() {
    return allows(StatementClass.WRITE) ? AccessLevel.WRITE : AccessLevel.READ;
  }

  /**
   * This session's access with a JIT elevation: reads for {@code read}; reads, writes and plain
   * VACUUM/ANALYZE for {@code write}; reads, writes and schema changes for {@code ddl} (an unsafe
   * schema change still needs the approval of its plan). Privileges and role changes never come
   * with an elevation.
   */
  SessionAccess elevatedTo(AccessLevel level, String grantedBy) {
    AccessDecision[] elevated = byClass.clone();
    AccessDecision allow =
        new AccessDecision.Allow("elevated to " + level.label() + " by " + grantedBy);
    elevated[StatementClass.READ.ordinal()] = allow;
    if (level.covers(AccessLevel.WRITE)) {
      elevated[StatementClass.WRITE.ordinal()] = allow;
      elevated[StatementClass.MAINTENANCE.ordinal()] = allow;
    }
    if (level.covers(AccessLevel.DDL)) {
      elevated[StatementClass.DDL.ordinal()] = allow;
    }
    return new SessionAccess(principal, database, elevated);
  }

  /** The access level an access decision for {@code c} could be lifted by, if any. */
  static java.util.Optional<AccessLevel> levelFor(StatementClass c) {
    return switch (c) {
      case READ -> java.util.Optional.of(AccessLevel.READ);
      case WRITE, MAINTENANCE -> java.util.Optional.of(AccessLevel.WRITE);
      case DDL -> java.util.Optional.of(AccessLevel.DDL);
      default -> java.util.Optional.empty();
    };
  }

  Principal principal() {
    return principal;
  }

  String database() {
    return database;
  }

  AccessDecision decide(StatementClass c) {
    return byClass[c.ordinal()];
  }

  boolean allows(StatementClass c) {
    return byClass[c.ordinal()] instanceof AccessDecision.Allow;
  }

  /**
   * Whether a schema change the policy judged safe may run without approval: when the principal may
   * run DDL outright, or is a person who may write data (the default engineer). Agents never.
   */
  boolean maySafeDdl() {
    return allows(StatementClass.DDL)
        || (principal.kind() == dev.drawbridge.policy.access.PrincipalKind.HUMAN
            && allows(StatementClass.WRITE));
  }
}

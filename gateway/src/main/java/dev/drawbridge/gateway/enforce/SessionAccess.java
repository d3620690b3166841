package dev.drawbridge.gateway.enforce;

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

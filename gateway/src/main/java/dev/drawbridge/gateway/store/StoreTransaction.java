package dev.drawbridge.gateway.store;

import java.sql.Connection;

/** The tables, as one transaction sees them. Valid only inside {@link StateStore#inTransaction}. */
public final class StoreTransaction {

  private final ChangeRequestTable requests;
  private final ApprovalTable approvals;
  private final GrantTable grants;
  private final SessionTable sessions;
  private final RolloutTable rollouts;
  private final AuditTable audit;

  StoreTransaction(Connection c) {
    this.requests = new ChangeRequestTable(c);
    this.approvals = new ApprovalTable(c);
    this.grants = new GrantTable(c);
    this.sessions = new SessionTable(c);
    this.rollouts = new RolloutTable(c);
    this.audit = new AuditTable(c);
  }

  public ChangeRequestTable requests() {
    return requests;
  }

  public ApprovalTable approvals() {
    return approvals;
  }

  public GrantTable grants() {
    return grants;
  }

  public SessionTable sessions() {
    return sessions;
  }

  public RolloutTable rollouts() {
    return rollouts;
  }

  public AuditTable audit() {
    return audit;
  }
}

package dev.drawbridge.gateway.store;

import java.util.Locale;

/** Where a change request is in its life. */
public enum RequestStatus {
  /** Waiting for approvers. */
  PENDING,
  /** Enough approvers said yes; a grant exists. */
  APPROVED,
  /** An approver said no; final. */
  DENIED,
  /** The approved statement ran. */
  APPLIED,
  /** Nobody decided in time, or the grant's window closed unused. */
  EXPIRED,
  /** Someone revoked its grant before it was used up. */
  REVOKED;

  /** Pending or approved: the request still stands and is reused for the same statement. */
  public boolean isOpen() {
    return this == PENDING || this == APPROVED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RequestStatus parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}

package dev.drawbridge.gateway.workflow;

import java.util.Objects;

/**
 * The change request a statement was filed under.
 *
 * @param id the request's id, as people type it (for example {@code CR-7F3K2})
 * @param status its status now: pending, approved, denied, applied, expired
 * @param reused true when an open request for the same statement and requester was found
 */
public record ChangeRequestTicket(String id, String status, boolean reused) {

  public ChangeRequestTicket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }
}

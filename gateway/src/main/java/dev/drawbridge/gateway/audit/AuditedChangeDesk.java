package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.workflow.ActiveElevation;
import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.ChangeRequestTicket;
import dev.drawbridge.gateway.workflow.PlanGrant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The gate's change desk, recorded: each change request the gate opens, and each grant it uses —
 * the grant's use is stored before the statement it lets through is forwarded.
 */
public final class AuditedChangeDesk implements ChangeDesk {

  private final ChangeDesk desk;
  private final AuditLog log;
  private final Clock clock;
  private final WorkflowMeters meters;

  public AuditedChangeDesk(ChangeDesk desk, AuditLog log, Clock clock, WorkflowMeters meters) {
    this.meters = meters;
    this.desk = desk;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public ChangeRequestTicket openOrReuse(ChangeRequestDraft draft) {
    ChangeRequestTicket ticket = desk.openOrReuse(draft);
    if (!ticket.reused()) {
      meters.requestOpened();
    }
    log.record(
        AuditEvent.of(
                clock.instant(),
                ticket.reused() ? "request.reused" : "request.opened",
                draft.requester(),
                Map.of(
                    "request",
                    ticket.id(),
                    "status",
                    ticket.status(),
                    "fingerprint",
                    draft.fingerprint()))
            .on(draft.database(), List.of()));
    return ticket;
  }

  @Override
  public Optional<PlanGrant> usablePlanGrant(
      String requester, String database, String fingerprint) {
    Optional<PlanGrant> grant = desk.usablePlanGrant(requester, database, fingerprint);
    if (grant.isPresent()) {
      meters.grantUsed();
      TreeMap<String, String> d = new TreeMap<>();
      d.put("grant", grant.get().grantId());
      d.put("request", grant.get().changeRequestId());
      d.put("fingerprint", fingerprint);
      d.put("expires_at", grant.get().expiresAt().toString());
      // privileged: throws when it cannot be stored, and the gate then refuses the statement
      log.recordBeforeEffect(
          AuditEvent.of(clock.instant(), "grant.used", requester, d).on(database, List.of()));
    }
    return grant;
  }

  @Override
  public void recordUse(String grantId) {
    desk.recordUse(grantId);
  }

  @Override
  public Optional<ActiveElevation> activeElevation(String subject, String database) {
    Optional<ActiveElevation> e = desk.activeElevation(subject, database);
    e.ifPresent(
        found -> {
          TreeMap<String, String> d = new TreeMap<>();
          d.put("grant", found.grantId());
          d.put("request", found.requestId());
          d.put("level", found.level().label());
          d.put("expires_at", found.expiresAt().toString());
          // privileged: throws when it cannot be stored, and the gate then keeps its refusal
          log.recordBeforeEffect(
              AuditEvent.of(clock.instant(), "elevation.used", subject, d).on(database, List.of()));
        });
    return e;
  }
}

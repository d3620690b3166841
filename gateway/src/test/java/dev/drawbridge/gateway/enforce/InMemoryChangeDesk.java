package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.workflow.ChangeDesk;
import dev.drawbridge.gateway.workflow.ChangeRequestDraft;
import dev.drawbridge.gateway.workflow.ChangeRequestTicket;
import dev.drawbridge.gateway.workflow.PlanGrant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small, real in-memory implementation of the {@link ChangeDesk} port for tests (the state-store
 * implementation lives elsewhere): requests are numbered CR-1, CR-2, ... and reused per requester,
 * database and fingerprint; grants are added by the test.
 */
final class InMemoryChangeDesk implements ChangeDesk {

  private record Key(String requester, String database, String fingerprint) {}

  private final Map<Key, ChangeRequestTicket> open = new HashMap<>();
  private final Map<Key, PlanGrant> grants = new HashMap<>();
  private final List<ChangeRequestDraft> drafts = new ArrayList<>();

  @Override
  public synchronized ChangeRequestTicket openOrReuse(ChangeRequestDraft draft) {
    drafts.add(draft);
    Key key = new Key(draft.requester(), draft.database(), draft.fingerprint());
    ChangeRequestTicket existing = open.get(key);
    if (existing != null) {
      return new ChangeRequestTicket(existing.id(), existing.status(), true);
    }
    ChangeRequestTicket t = new ChangeRequestTicket("CR-" + (open.size() + 1), "pending", false);
    open.put(key, t);
    return t;
  }

  @Override
  public synchronized Optional<PlanGrant> usablePlanGrant(
      String requester, String database, String fingerprint) {
    return Optional.ofNullable(grants.get(new Key(requester, database, fingerprint)));
  }

  /** A plan grant is used up by the statement it let through, as in the state store. */
  @Override
  public synchronized void recordUse(String grantId) {
    grants.values().removeIf(g -> g.grantId().equals(grantId));
  }

  /** Grants the request filed under {@code draft}. */
  synchronized void grant(ChangeRequestDraft draft, Instant until) {
    Key key = new Key(draft.requester(), draft.database(), draft.fingerprint());
    grants.put(key, new PlanGrant("G-" + (grants.size() + 1), open.get(key).id(), until));
  }

  synchronized List<ChangeRequestDraft> drafts() {
    return List.copyOf(drafts);
  }
}

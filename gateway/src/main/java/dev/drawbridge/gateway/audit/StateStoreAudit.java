package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.store.AuditFilter;
import dev.drawbridge.gateway.store.AuditRow;
import dev.drawbridge.gateway.store.StateStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** The audit trail in the state store's {@code audit_events} table. */
public final class StateStoreAudit implements AuditStore {

  private final StateStore store;

  public StateStoreAudit(StateStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void append(List<AuditRow> rows) {
    store.inTransaction(
        tx -> {
          tx.audit().append(rows);
          return null;
        });
  }

  @Override
  public Optional<AuditRow> last(String gatewayId) {
    return store.inTransaction(tx -> tx.audit().last(gatewayId));
  }

  @Override
  public List<String> chains() {
    return store.inTransaction(tx -> tx.audit().chains());
  }

  @Override
  public void scan(String gatewayId, Consumer<AuditRow> each) {
    store.inTransaction(
        tx -> {
          tx.audit().scan(gatewayId, each);
          return null;
        });
  }

  @Override
  public List<AuditRow> search(AuditFilter filter) {
    return store.inTransaction(tx -> tx.audit().search(filter));
  }
}

package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.store.AuditFilter;
import dev.drawbridge.gateway.store.AuditRow;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where chained events go and come from. Blocking: the writer thread and the API call it. */
public interface AuditStore {

  /**
   * Stores rows atomically (all or none).
   *
   * @throws dev.drawbridge.gateway.store.StoreUnavailableException when the store fails
   */
  void append(List<AuditRow> rows);

  /** The last stored row of a chain. */
  Optional<AuditRow> last(String gatewayId);

  /** The gateways with a chain. */
  List<String> chains();

  /** Every row of a chain, in order of seq. */
  void scan(String gatewayId, Consumer<AuditRow> each);

  List<AuditRow> search(AuditFilter filter);
}

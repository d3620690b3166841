package dev.drawbridge.gateway.audit;

/**
 * What the policy concluded for the last statement a session gate checked, beyond allow or deny.
 *
 * @param decision the policy's outcome: allow, deny, needs-approval, not-understood
 * @param statementClass the class that decided it, lower case (read, write, ddl, ...)
 */
public record StatementVerdict(String decision, String statementClass) {

  /** True for classes whose statements must be in the store before they run. */
  public boolean privileged() {
    return switch (statementClass) {
      case "ddl", "privilege", "role_change" -> true;
      default -> false;
    };
  }

  /**
   * True for transaction control and session settings: they change no data, so with write-ahead
   * they need not wait for their event (it is still recorded, in order).
   */
  public boolean changesNoData() {
    return statementClass.equals("transaction") || statementClass.equals("session");
  }

  /**
   * A session gate that can say what it concluded. Read right after {@code check} returned (or
   * after its deferred decision completed).
   */
  public interface Source {
    StatementVerdict lastVerdict();
  }
}

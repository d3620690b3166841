package dev.drawbridge.proxy.gate;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** What the {@link StatementGate} decided for one statement. */
public sealed interface GateDecision {

  /** The one allow decision; it carries nothing, so it is shared. */
  Allow ALLOW = new Allow();

  static Allow allow() {
    return ALLOW;
  }

  static Deny deny(String sqlState, String message, String detail, String hint) {
    return new Deny(sqlState, message, detail, hint);
  }

  static Rewrite rewrite(String sql) {
    return new Rewrite(sql);
  }

  /** Forward the statement as the client sent it. */
  record Allow() implements GateDecision {}

  /**
   * Forward nothing; the client gets an ErrorResponse with these fields. In the extended protocol
   * the session then discards messages until Sync, as PostgreSQL does after an error.
   *
   * @param sqlState five-character SQLSTATE, for example {@code 42501}
   * @param message primary message (PostgreSQL's M field)
   * @param detail optional detail (D field), may be null
   * @param hint optional hint (H field), may be null
   */
  record Deny(String sqlState, String message, String detail, String hint) implements GateDecision {
    public Deny {
      Objects.requireNonNull(sqlState, "sqlState");
      Objects.requireNonNull(message, "message");
      if (sqlState.length() != 5) {
        throw new IllegalArgumentException("SQLSTATE must have five characters: " + sqlState);
      }
    }
  }

  static Deferred deferred(CompletionStage<GateDecision> decision) {
    return new Deferred(decision);
  }

  /**
   * The answer needs blocking work (catalog facts, the state store) done on another executor. The
   * proxy holds the statement and every later message of the client, in order, and stops reading
   * from the client until the stage completes; it then acts on the decision the stage holds (which
   * must not itself be deferred). A stage that fails, or completes with null, denies the statement:
   * the gate fails closed.
   *
   * @param decision completes with the final decision, on any thread
   */
  record Deferred(CompletionStage<GateDecision> decision) implements GateDecision {
    public Deferred {
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** Forward this SQL instead of the client's statement. */
  record Rewrite(String sql) implements GateDecision {
    public Rewrite {
      Objects.requireNonNull(sql, "sql");
    }
  }
}

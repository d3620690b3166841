package dev.drawbridge.gateway.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pairs each statement with its outcome, in the order PostgreSQL answers: each simple Query, and
 * the extended-protocol statements up to each Sync, form one cycle that one ReadyForQuery closes.
 * Within a cycle, command tags go to its statements in order (extra ones, as in a batch that runs
 * one prepared statement many times, to the last); an error fails the current statement and the
 * server skips the rest. Used on the session's event loop only.
 */
final class StatementPairing {

  /** One statement waiting for its outcome. */
  static final class Pending {
    final long number;
    final long startNanos;
    String result;
    String tag;
    long rows = -1;
    String sqlState;
    long endNanos;

    Pending(long number, long startNanos) {
      this.number = number;
      this.startNanos = startNanos;
    }

    void completed(String commandTag, long now) {
      result = "ok";
      tag = commandTag;
      long n = rowsOf(commandTag);
      if (n >= 0) {
        rows = rows < 0 ? n : rows + n;
      }
      endNanos = now;
    }

    void failed(String state, long now) {
      result = "error";
      sqlState = state;
      endNanos = now;
    }

    long micros() {
      return endNanos == 0 ? -1 : (endNanos - startNanos) / 1000;
    }
  }

  private static final class Cycle {
    final List<Pending> statements = new ArrayList<>(2);
    int current;
    boolean failed;

    Pending target() {
      return statements.isEmpty() ? null : statements.get(current);
    }

    void advance() {
      if (current < statements.size() - 1) {
        current++;
      }
    }
  }

  private final ArrayDeque<Cycle> sent = new ArrayDeque<>();
  private final Consumer<Pending> finished;
  private Cycle unsynced;

  /**
   * @param finished receives each statement once its outcome is known (or will never be)
   */
  StatementPairing(Consumer<Pending> finished) {
    this.finished = finished;
  }

  /** A simple-protocol Query: a cycle of its own. */
  void query(Pending p) {
    Cycle c = new Cycle();
    c.statements.add(p);
    sent.add(c);
  }

  /** A Parse: part of the cycle the next Sync closes. */
  void parse(Pending p) {
    if (unsynced == null) {
      unsynced = new Cycle();
    }
    unsynced.statements.add(p);
  }

  void sync() {
    sent.add(unsynced != null ? unsynced : new Cycle());
    unsynced = null;
  }

  /**
   * A CommandComplete.
   *
   * @return the statement it belongs to, or null for an execution of a statement prepared in an
   *     earlier cycle
   */
  Pending commandComplete(String tag, long now) {
    Cycle c = answering();
    Pending p = c == null ? null : c.target();
    if (p == null) {
      return null;
    }
    p.completed(tag, now);
    c.advance();
    return p;
  }

  /** An ErrorResponse: the current statement failed. */
  Pending failed(String sqlState, long now) {
    Cycle c = answering();
    Pending p = c == null ? null : c.target();
    if (p == null) {
      return null;
    }
    p.failed(sqlState, now);
    c.failed = true;
    return p;
  }

  /** An EmptyQueryResponse. */
  void empty(long now) {
    Cycle c = answering();
    Pending p = c == null ? null : c.target();
    if (p != null) {
      p.result = "empty";
      p.endNanos = now;
    }
  }

  /** A ReadyForQuery closes the oldest cycle; when the session caught up, every cycle. */
  void readyForQuery(boolean caughtUp) {
    Cycle c = sent.poll();
    if (c != null) {
      finish(c, "no-result");
    }
    if (caughtUp) {
      while ((c = sent.poll()) != null) {
        finish(c, "no-result");
      }
    }
  }

  /** The session ended: whatever waits will never be answered. */
  void close() {
    Cycle c;
    while ((c = sent.poll()) != null) {
      finish(c, "unanswered");
    }
    if (unsynced != null) {
      finish(unsynced, "unanswered");
      unsynced = null;
    }
  }

  private Cycle answering() {
    Cycle c = sent.peek();
    return c != null ? c : unsynced;
  }

  private void finish(Cycle c, String unanswered) {
    for (Pending p : c.statements) {
      if (p.result == null) {
        p.result = c.failed ? "skipped" : unanswered;
      }
      finished.accept(p);
    }
  }

  /** Rows from a command tag: the last number of INSERT/UPDATE/DELETE/SELECT/MERGE/COPY/...; -1. */
  static long rowsOf(String tag) {
    int end = tag.length();
    int i = end;
    while (i > 0 && Character.isDigit(tag.charAt(i - 1))) {
      i--;
    }
    if (i == end || i == 0 || tag.charAt(i - 1) != ' ') {
      return -1;
    }
    long n = 0;
    for (int k = i; k < end; k++) {
      n = n * 10 + (tag.charAt(k) - '0');
      if (n < 0) {
        return -1;
      }
    }
    return n;
  }
}

package dev.drawbridge.policy.facts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of the client session a statement arrives in: whether it is inside a transaction block
 * (or an implicit one: several statements in one simple Query message), the session GUCs that
 * change what a statement does (TimeZone, search_path, lock_timeout), and what earlier statements
 * of the same transaction did.
 */
public record SessionContext(
    boolean inTransactionBlock,
    boolean multiStatementQuery,
    Optional<String> timeZone,
    List<String> searchPath,
    Optional<Duration> lockTimeout,
    List<PriorStatement> earlierInTransaction,
    Optional<SavedSettings> saved) {

  public static final List<String> DEFAULT_SEARCH_PATH = List.of("public");

  public SessionContext {
    Objects.requireNonNull(timeZone);
    searchPath = List.copyOf(searchPath);
    Objects.requireNonNull(lockTimeout);
    earlierInTransaction = List.copyOf(earlierInTransaction);
    Objects.requireNonNull(saved);
  }

  /** A context with nothing saved for the end of the transaction. */
  public SessionContext(
      boolean inTransactionBlock,
      boolean multiStatementQuery,
      Optional<String> timeZone,
      List<String> searchPath,
      Optional<Duration> lockTimeout,
      List<PriorStatement> earlierInTransaction) {
    this(
        inTransactionBlock,
        multiStatementQuery,
        timeZone,
        searchPath,
        lockTimeout,
        earlierInTransaction,
        Optional.empty());
  }

  /** The settings that change what DDL does: TimeZone, search_path, lock_timeout. */
  public record Settings(
      Optional<String> timeZone, List<String> searchPath, Optional<Duration> lockTimeout) {
    public Settings {
      Objects.requireNonNull(timeZone);
      searchPath = List.copyOf(searchPath);
      Objects.requireNonNull(lockTimeout);
    }
  }

  /**
   * What the settings return to when the current transaction ends: {@code atStart} (their values
   * when it began) at ROLLBACK, {@code atCommit} (the same, plus every plain {@code SET} made in
   * the transaction, without the {@code SET LOCAL}s) at COMMIT.
   */
  public record SavedSettings(Settings atStart, Settings atCommit) {
    public SavedSettings {
      Objects.requireNonNull(atStart);
      Objects.requireNonNull(atCommit);
    }
  }

  public Settings settings() {
    return new Settings(timeZone, searchPath, lockTimeout);
  }

  private SessionContext with(Settings v, Optional<SavedSettings> sv) {
    return new SessionContext(
        inTransactionBlock,
        multiStatementQuery,
        v.timeZone(),
        v.searchPath(),
        v.lockTimeout(),
        earlierInTransaction,
        sv);
  }

  /**
   * This context after {@code SET [LOCAL] guc ...}: {@code changed} is this context with the new
   * value of {@code guc} ({@code timezone}, {@code search_path} or {@code lock_timeout}). Inside a
   * transaction (a block, or the implicit one of a multi-statement query) the values to restore are
   * remembered: a {@code SET LOCAL} lasts until the transaction ends, a plain {@code SET} until a
   * ROLLBACK undoes it. {@code SET LOCAL} outside a transaction does nothing (PostgreSQL warns).
   */
  public SessionContext afterSet(String guc, SessionContext changed, boolean local) {
    boolean inTx = inTransactionBlock || multiStatementQuery;
    if (!inTx) {
      return local ? this : with(changed.settings(), saved);
    }
    SavedSettings sv = saved.orElse(new SavedSettings(settings(), settings()));
    Settings commit = local ? sv.atCommit() : copy(guc, changed.settings(), sv.atCommit());
    return with(changed.settings(), Optional.of(new SavedSettings(sv.atStart(), commit)));
  }

  private static Settings copy(String guc, Settings from, Settings to) {
    return switch (guc) {
      case "timezone" -> new Settings(from.timeZone(), to.searchPath(), to.lockTimeout());
      case "search_path" -> new Settings(to.timeZone(), from.searchPath(), to.lockTimeout());
      case "lock_timeout" -> new Settings(to.timeZone(), to.searchPath(), from.lockTimeout());
      default -> throw new IllegalArgumentException("setting " + guc);
    };
  }

  /** The settings once the transaction ends by COMMIT ({@code rollback} false) or ROLLBACK. */
  private Settings settingsAtEnd(boolean rollback) {
    return saved.map(sv -> rollback ? sv.atStart() : sv.atCommit()).orElse(settings());
  }

  /** Autocommit, default GUCs, no lock_timeout. */
  public static SessionContext autocommit() {
    return new SessionContext(
        false, false, Optional.empty(), DEFAULT_SEARCH_PATH, Optional.empty(), List.of());
  }

  public static SessionContext inTransaction() {
    return autocommit().withTransactionBlock(true);
  }

  public SessionContext withTransactionBlock(boolean inTx) {
    return new SessionContext(
        inTx, multiStatementQuery, timeZone, searchPath, lockTimeout, earlierInTransaction, saved);
  }

  public SessionContext withMultiStatementQuery(boolean multi) {
    return new SessionContext(
        inTransactionBlock, multi, timeZone, searchPath, lockTimeout, earlierInTransaction, saved);
  }

  public SessionContext withTimeZone(String tz) {
    return new SessionContext(
        inTransactionBlock,
        multiStatementQuery,
        Optional.of(tz),
        searchPath,
        lockTimeout,
        earlierInTransaction,
        saved);
  }

  public SessionContext withSearchPath(List<String> path) {
    return new SessionContext(
        inTransactionBlock,
        multiStatementQuery,
        timeZone,
        path,
        lockTimeout,
        earlierInTransaction,
        saved);
  }

  public SessionContext withLockTimeout(Duration d) {
    return new SessionContext(
        inTransactionBlock,
        multiStatementQuery,
        timeZone,
        searchPath,
        Optional.of(d),
        earlierInTransaction,
        saved);
  }

  /** After {@code SET TimeZone TO DEFAULT} (or {@code LOCAL}): the server's setting applies. */
  public SessionContext resetTimeZone() {
    return new SessionContext(
        inTransactionBlock,
        multiStatementQuery,
        Optional.empty(),
        searchPath,
        lockTimeout,
        earlierInTransaction,
        saved);
  }

  /** After {@code SET lock_timeout TO DEFAULT}: no session lock_timeout is known. */
  public SessionContext resetLockTimeout() {
    return new SessionContext(
        inTransactionBlock,
        multiStatementQuery,
        timeZone,
        searchPath,
        Optional.empty(),
        earlierInTransaction,
        saved);
  }

  /**
   * This context with {@code earlier} as what earlier statements did, e.g. to let a statement see
   * tables created earlier in the same migration file though their transaction has ended.
   */
  public SessionContext withEarlierInTransaction(List<PriorStatement> earlier) {
    return new SessionContext(
        inTransactionBlock, multiStatementQuery, timeZone, searchPath, lockTimeout, earlier, saved);
  }

  /** This context after {@code s} ran; outside a transaction block nothing is remembered. */
  public SessionContext after(PriorStatement s) {
    if (!inTransactionBlock && !multiStatementQuery) {
      return this;
    }
    List<PriorStatement> list = new ArrayList<>(earlierInTransaction);
    list.add(s);
    return new SessionContext(
        inTransactionBlock, multiStatementQuery, timeZone, searchPath, lockTimeout, list, saved);
  }

  /**
   * After {@code BEGIN} / {@code START TRANSACTION}: inside a block (already in one: unchanged).
   */
  public SessionContext beginTransactionBlock() {
    return inTransactionBlock ? this : withTransactionBlock(true);
  }

  /**
   * After {@code COMMIT} or {@code PREPARE TRANSACTION}: as {@link #endTransactionBlock(boolean,
   * boolean)} with {@code rollback} false.
   */
  public SessionContext endTransactionBlock(boolean chain) {
    return endTransactionBlock(chain, false);
  }

  /**
   * After {@code COMMIT}, {@code ROLLBACK} or {@code PREPARE TRANSACTION}: the transaction is over,
   * so nothing earlier statements did is remembered any more (the tables they created are no longer
   * new, their locks are released). {@code SET LOCAL}s end with it; a ROLLBACK also undoes the
   * plain {@code SET}s made in it. With {@code AND CHAIN} a new block starts at once. In a
   * multi-statement query the statements that follow run in a new implicit transaction.
   */
  public SessionContext endTransactionBlock(boolean chain, boolean rollback) {
    Settings v = settingsAtEnd(rollback);
    return new SessionContext(
        chain,
        multiStatementQuery,
        v.timeZone(),
        v.searchPath(),
        v.lockTimeout(),
        List.of(),
        Optional.empty());
  }

  /**
   * The session once the query string is done, for the next call: no longer a multi-statement
   * query; outside a transaction block the implicit transaction has ended and is forgotten.
   */
  public SessionContext atQueryEnd() {
    if (inTransactionBlock) {
      return new SessionContext(
          true, false, timeZone, searchPath, lockTimeout, earlierInTransaction, saved);
    }
    Settings v = settingsAtEnd(false); // the implicit transaction commits: SET LOCALs end
    return new SessionContext(
        false, false, v.timeZone(), v.searchPath(), v.lockTimeout(), List.of(), Optional.empty());
  }

  /**
   * True when an earlier statement of this transaction created the table, named the same way: a
   * schema-qualified name matches only the same qualified name, an unqualified one only the same
   * unqualified name (it resolves through the same search path). {@code CREATE TABLE staging.t}
   * does not make a later {@code t} new, nor {@code CREATE TABLE t} a later {@code other.t}; when
   * in doubt the table is treated as existing (the stricter answer).
   */
  public boolean createdInTransaction(QualifiedName table) {
    String written = table.toString();
    return earlierInTransaction.stream().anyMatch(p -> p.createdTables().contains(written));
  }

  /**
   * Tables on which earlier statements of this transaction hold ACCESS EXCLUSIVE (excluding tables
   * they created). Any further statement, DML included (a backfill UPDATE), keeps those locks held
   * until commit: the gateway can warn on DML with this (ddl-safety.md D6).
   */
  public Set<String> exclusiveLocksHeld() {
    Set<String> created = new HashSet<>();
    earlierInTransaction.forEach(p -> created.addAll(p.createdTables()));
    Set<String> held = new TreeSet<>();
    for (PriorStatement p : earlierInTransaction) {
      p.locks()
          .forEach(
              (t, l) -> {
                if (l == LockLevel.ACCESS_EXCLUSIVE && !created.contains(t)) {
                  held.add(t);
                }
              });
    }
    return held;
  }

  /** Whether an earlier statement in this transaction added {@code constraint} as NOT VALID. */
  public boolean addedNotValidInTransaction(String constraint) {
    return earlierInTransaction.stream()
        .anyMatch(p -> p.notValidConstraints().contains(constraint));
  }

  /**
   * What an earlier statement of the same transaction left behind: tables it created, the locks it
   * holds until commit (table name to lock), and constraints it added NOT VALID. Table names are as
   * written, schema-qualified or not.
   */
  public record PriorStatement(
      String summary,
      Set<String> createdTables,
      Map<String, LockLevel> locks,
      Set<String> notValidConstraints) {
    public PriorStatement {
      Objects.requireNonNull(summary);
      createdTables = Set.copyOf(createdTables);
      locks = Map.copyOf(locks);
      notValidConstraints = Set.copyOf(notValidConstraints);
    }

    public static PriorStatement createdTable(String table) {
      return new PriorStatement("CREATE TABLE " + table, Set.of(table), Map.of(), Set.of());
    }
  }
}

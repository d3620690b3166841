package dev.drawbridge.policy.risk;

import static dev.drawbridge.policy.facts.LockLevel.ACCESS_EXCLUSIVE;
import static dev.drawbridge.policy.facts.LockLevel.SHARE;
import static dev.drawbridge.policy.facts.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.drawbridge.policy.facts.LockLevel.SHARE_UPDATE_EXCLUSIVE;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.ColumnFacts;
import dev.drawbridge.policy.facts.IndexFacts;
import dev.drawbridge.policy.facts.LockLevel;
import dev.drawbridge.policy.facts.NotNullCheck;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.facts.Volatility;
import dev.drawbridge.policy.risk.model.AlterAction;
import dev.drawbridge.policy.risk.model.CatalogTypeText;
import dev.drawbridge.policy.risk.model.ColumnDef;
import dev.drawbridge.policy.risk.model.ColumnDef.Generated;
import dev.drawbridge.policy.risk.model.ColumnDef.InlineConstraint;
import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.Expr;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import dev.drawbridge.policy.risk.model.TableConstraint;
import dev.drawbridge.policy.risk.model.TypeName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The risk rules: a pure function from (statement tree, session, catalog facts) to a {@link
 * RiskReport}. Stateless; one instance can be shared.
 */
public final class RiskAnalyzer {

  /** A session lock_timeout above this is treated as missing. */
  public static final Duration MAX_LOCK_TIMEOUT = Duration.ofSeconds(10);

  public RiskReport analyze(DdlStatement statement, SessionContext session, CatalogFacts facts) {
    Run run = new Run(session, facts);
    run.statement(statement);
    return run.finish(statement);
  }

  /** One analysis: collects raw findings and effects, then applies waivers. */
  private static final class Run {
    private final SessionContext session;
    private final CatalogFacts facts;
    private final List<Raw> raw = new ArrayList<>();
    private final Map<QualifiedName, LockLevel> locks = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private boolean rewrite;
    private boolean scan;

    Run(SessionContext session, CatalogFacts facts) {
      this.session = session;
      this.facts = facts;
    }

    /** A finding before waivers; {@code table} decides emptiness. */
    private record Raw(Finding finding, Optional<QualifiedName> table) {}

    private TableFacts table(QualifiedName t) {
      return facts.table(t, session.searchPath());
    }

    private boolean isNew(QualifiedName t) {
      return table(t).createdInThisTransaction() || session.createdInTransaction(t);
    }

    private boolean isEmpty(QualifiedName t) {
      return isNew(t) || table(t).isEmpty();
    }

    private void lock(QualifiedName t, LockLevel l) {
      locks.merge(t, l, LockLevel::max);
    }

    private void hit(
        RuleId rule,
        QualifiedName table,
        LockLevel lock,
        List<QualifiedName> tables,
        boolean rw,
        boolean sc,
        String message) {
      raw.add(
          new Raw(
              new Finding(rule, Optional.ofNullable(lock), tables, rw, sc, message),
              Optional.ofNullable(table)));
      boolean waived = waived(rule, Optional.ofNullable(table));
      if (!waived || rule.waiver() == RuleId.Waiver.NEW_TABLE) {
        rewrite |= rw;
        scan |= sc;
      }
    }

    private void hit(
        RuleId rule, QualifiedName table, LockLevel lock, boolean rw, boolean sc, String m) {
      hit(rule, table, lock, table == null ? List.of() : List.of(table), rw, sc, m);
    }

    private boolean waived(RuleId rule, Optional<QualifiedName> table) {
      if (table.isEmpty()) {
        return false;
      }
      return switch (rule.waiver()) {
        case EMPTY_TABLE -> isEmpty(table.get());
        case NEW_TABLE -> isNew(table.get());
        case NEVER, ADVISORY -> false;
      };
    }

    /** The server version for messages. */
    private String server() {
      return facts.version().map(PgVersion::toString).orElse("version unknown");
    }

    // ------------------------------------------------------------ statements

    void statement(DdlStatement s) {
      switch (s) {
        case DdlStatement.AlterTable a -> alterTable(a);
        case DdlStatement.CreateIndex c -> createIndex(c);
        case DdlStatement.DropIndex d -> dropIndex(d);
        case DdlStatement.Reindex r -> reindex(r);
        case DdlStatement.RenameIndex r ->
            lock(r.index(), facts.versionAtLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        case DdlStatement.AttachIndex ai -> {}
        case DdlStatement.DropTable d -> {
          for (QualifiedName t : d.names()) {
            lock(t, ACCESS_EXCLUSIVE);
            List<QualifiedName> fanOut = referencedTables(t);
            fanOut.forEach(r -> lock(r, ACCESS_EXCLUSIVE));
            hit(
                RuleId.DROP_TABLE,
                t,
                ACCESS_EXCLUSIVE,
                withTable(t, fanOut),
                false,
                false,
                "DROP TABLE "
                    + t
                    + " destroys its data and breaks every client; it also takes ACCESS EXCLUSIVE"
                    + " on every table linked to it by a foreign key"
                    + (fanOut.isEmpty() ? "" : " (" + fanOut + ")")
                    + (d.cascade() ? ", and CASCADE silently drops dependent views and keys" : ""));
          }
        }
        case DdlStatement.Truncate tr -> {
          for (QualifiedName t : tr.names()) {
            lock(t, ACCESS_EXCLUSIVE);
            List<QualifiedName> fanOut = referencedTables(t);
            fanOut.forEach(r -> lock(r, ACCESS_EXCLUSIVE));
            hit(
                RuleId.TRUNCATE,
                t,
                ACCESS_EXCLUSIVE,
                withTable(t, fanOut),
                false,
                false,
                "TRUNCATE "
                    + t
                    + " removes every row irreversibly under ACCESS EXCLUSIVE"
                    + (fanOut.isEmpty() ? "" : ", also on " + fanOut)
                    + (tr.cascade() ? "; CASCADE also empties every referencing table" : ""));
          }
        }
        case DdlStatement.VacuumFull vf -> {
          QualifiedName t = vf.table().orElse(null);
          if (t != null) {
            lock(t, ACCESS_EXCLUSIVE);
          }
          hit(
              RuleId.VACUUM_FULL,
              t,
              ACCESS_EXCLUSIVE,
              true,
              true,
              "VACUUM FULL rewrites "
                  + (t == null ? "every table in the database" : t.toString())
                  + " under ACCESS EXCLUSIVE (reads and writes blocked for the whole copy); it"
                  + " cannot run inside a transaction block");
        }
        case DdlStatement.Cluster c -> {
          QualifiedName t = c.table().orElse(null);
          if (t != null) {
            lock(t, ACCESS_EXCLUSIVE);
          }
          hit(
              RuleId.CLUSTER,
              t,
              ACCESS_EXCLUSIVE,
              true,
              true,
              "CLUSTER rewrites "
                  + (t == null ? "every previously clustered table" : t.toString())
                  + " in index order under ACCESS EXCLUSIVE");
        }
        case DdlStatement.AddEnumValue e -> {
          if (inTransaction() && !facts.versionAtLeast(12)) {
            hit(
                RuleId.ADD_ENUM_VALUE_IN_TRANSACTION,
                null,
                null,
                false,
                false,
                "ALTER TYPE ... ADD VALUE cannot run inside a transaction block before PostgreSQL"
                    + " 12 (server "
                    + server()
                    + ")");
          } else if (inTransaction()) {
            notes.add(
                "the new enum label '"
                    + e.value()
                    + "' cannot be used until this transaction commits");
          }
        }
        case DdlStatement.RenameEnumValue e ->
            hit(
                RuleId.RENAME_ENUM_VALUE,
                null,
                null,
                false,
                false,
                "renaming enum label '"
                    + e.from()
                    + "' breaks every writer that still sends the old label");
        case DdlStatement.RenameSchema r ->
            hit(
                RuleId.RENAME_SCHEMA,
                null,
                null,
                false,
                false,
                "renaming schema " + r.from() + " breaks every client that names it");
        case DdlStatement.Vacuum v -> {
          v.table().ifPresent(t -> lock(t, SHARE_UPDATE_EXCLUSIVE));
          scan = true;
          concurrentOutsideTx("VACUUM");
          if (!v.options().contains("truncate false")
              && !v.options().contains("truncate off")
              && !v.options().contains("truncate 0")) {
            notes.add(
                "VACUUM takes only SHARE UPDATE EXCLUSIVE (reads and writes go on); at the end it"
                    + " may try ACCESS EXCLUSIVE without waiting to truncate empty pages, which"
                    + " standbys replay (TRUNCATE false avoids it)");
          }
        }
        case DdlStatement.CreateTable c -> {
          createTable(c);
          for (ColumnDef col : c.columns()) {
            for (InlineConstraint ic : col.constraints()) {
              if (ic instanceof InlineConstraint.References r) {
                lock(r.table(), SHARE_ROW_EXCLUSIVE);
              }
            }
          }
          for (TableConstraint tc : c.constraints()) {
            if (tc instanceof TableConstraint.ForeignKey fk) {
              lock(fk.refTable(), SHARE_ROW_EXCLUSIVE);
            }
          }
        }
        case DdlStatement.CreateSequence c -> {}
        case DdlStatement.DropSequence d -> {}
        case DdlStatement.AlterSequenceOwnedBy o -> {}
        case DdlStatement.SetSequenceToMax m -> lock(m.table(), LockLevel.ACCESS_SHARE);
        case DdlStatement.CreateViewSelectAll cv -> lock(cv.table(), LockLevel.ACCESS_SHARE);
        case DdlStatement.DropView dv -> lock(dv.view(), ACCESS_EXCLUSIVE);
        case DdlStatement.Comment c -> {
          switch (c.kind()) {
            case "SCHEMA" -> {}
            default -> lock(c.object(), SHARE_UPDATE_EXCLUSIVE);
          }
        }
        case DdlStatement.CreateTrigger t -> {
          lock(t.table(), SHARE_ROW_EXCLUSIVE);
          if (t.orReplace()) {
            versionNote(14, "CREATE OR REPLACE TRIGGER");
          }
          if (!t.procedure()) {
            versionNote(11, "EXECUTE FUNCTION");
          }
          notes.add(
              "trigger "
                  + t.name()
                  + " runs "
                  + t.function()
                  + " on every matching write to "
                  + t.table()
                  + " from now on; the function's cost is not judged");
        }
        case DdlStatement.Opaque o ->
            hit(
                RuleId.OPAQUE_DDL,
                null,
                null,
                false,
                false,
                o.keyword() + " runs code whose schema changes cannot be known before it executes");
      }
    }

    private void createTable(DdlStatement.CreateTable c) {
      for (QualifiedName parent : c.inherits()) {
        lock(parent, SHARE_UPDATE_EXCLUSIVE);
      }
      if (c.persistence() == DdlStatement.CreateTable.Persistence.UNLOGGED) {
        notes.add(
            c.table()
                + " is UNLOGGED: not WAL-logged, so it is emptied after a crash and not replicated"
                + " to standbys");
      }
      c.partitionOf()
          .ifPresent(
              p -> {
                lock(p.parent(), ACCESS_EXCLUSIVE);
                notes.add(
                    "CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on "
                        + p.parent()
                        + " (every query on it queues behind the request); creating a standalone"
                        + " table and ATTACH PARTITION takes only SHARE UPDATE EXCLUSIVE on"
                        + " PostgreSQL 12+");
                if (!(p.bound() instanceof AlterAction.PartitionBound.Default)) {
                  notes.add(
                      "if "
                          + p.parent()
                          + " has a DEFAULT partition, PostgreSQL also scans it to check that no"
                          + " row belongs to the new partition");
                }
              });
      for (TableConstraint tc : c.constraints()) {
        keyVersionNotes(tc);
      }
      for (ColumnDef col : c.columns()) {
        inlineVersionNotes(col);
      }
    }

    /** UNIQUE NULLS [NOT] DISTINCT needs PostgreSQL 15, INCLUDE 11: older servers reject it. */
    private void keyVersionNotes(TableConstraint tc) {
      if (tc instanceof TableConstraint.Key k) {
        if (k.nullsDistinct().isPresent()) {
          versionNote(15, "NULLS [NOT] DISTINCT");
        }
        if (!k.include().isEmpty()) {
          versionNote(11, "INCLUDE");
        }
      }
    }

    private void inlineVersionNotes(ColumnDef col) {
      for (InlineConstraint ic : col.constraints()) {
        if (ic instanceof InlineConstraint.Unique u && u.nullsDistinct().isPresent()) {
          versionNote(15, "NULLS [NOT] DISTINCT");
        }
      }
    }

    private void versionNote(int major, String what) {
      if (!facts.versionAtLeast(major)) {
        notes.add(
            what
                + " needs PostgreSQL "
                + major
                + " (server "
                + server()
                + "): an older server rejects the statement");
      }
    }

    /** Tables the given table references through foreign keys (lock fan-out, nuance 12). */
    private List<QualifiedName> referencedTables(QualifiedName t) {
      return table(t).foreignKeys().values().stream().distinct().toList();
    }

    private static List<QualifiedName> withTable(QualifiedName t, List<QualifiedName> others) {
      List<QualifiedName> all = new ArrayList<>();
      all.add(t);
      all.addAll(others);
      return all;
    }

    private boolean inTransaction() {
      return session.inTransactionBlock() || session.multiStatementQuery();
    }

    private void concurrentOutsideTx(String what) {
      if (inTransaction()) {
        hit(
            RuleId.CONCURRENTLY_IN_TRANSACTION,
            null,
            null,
            false,
            false,
            what
                + " fails with SQLSTATE 25001 inside a transaction block"
                + (session.multiStatementQuery() && !session.inTransactionBlock()
                    ? " (several statements in one simple Query message form an implicit"
                        + " transaction)"
                    : ""));
      }
    }

    private void createIndex(DdlStatement.CreateIndex c) {
      QualifiedName t = c.table();
      TableFacts tf = table(t);
      if (c.nullsDistinct().isPresent()) {
        versionNote(15, "NULLS [NOT] DISTINCT");
      }
      if (!c.include().isEmpty()) {
        versionNote(11, "INCLUDE");
      }
      if (c.concurrently()) {
        lock(t, SHARE_UPDATE_EXCLUSIVE);
        scan = true;
        concurrentOutsideTx("CREATE INDEX CONCURRENTLY");
        if (facts.version().isPresent()
            && facts.versionMayBeBetween(new PgVersion(14, 0), new PgVersion(14, 3))) {
          hit(
              RuleId.CONCURRENT_INDEX_PG14_CORRUPTION,
              null,
              null,
              false,
              false,
              "concurrent index builds on PostgreSQL 14.0-14.3 can silently corrupt the index"
                  + " (server "
                  + facts.version().get()
                  + ")");
        }
        if (c.ifNotExists() && c.name().isPresent()) {
          IndexFacts existing = tf.indexes().get(c.name().get());
          if (existing != null && !existing.valid()) {
            hit(
                RuleId.CONCURRENT_INDEX_INVALID_LEFTOVER,
                t,
                null,
                false,
                false,
                "index "
                    + c.name().get()
                    + " exists but is INVALID (a failed concurrent build); IF NOT EXISTS would"
                    + " accept it and leave the table without a usable index");
          }
        }
        if (tf.partitioned()) {
          hit(
              RuleId.PARTITIONED_TABLE_FAN_OUT,
              t,
              null,
              false,
              false,
              t
                  + " is partitioned: PostgreSQL cannot build an index concurrently on a partitioned"
                  + " parent");
        }
        return;
      }
      lock(t, SHARE);
      hit(
          RuleId.CREATE_INDEX_NON_CONCURRENTLY,
          t,
          SHARE,
          false,
          true,
          "CREATE "
              + (c.unique() ? "UNIQUE " : "")
              + "INDEX without CONCURRENTLY holds SHARE on "
              + t
              + ": every INSERT, UPDATE and DELETE waits for the whole scan and sort");
      partitionFanOut(t, tf, SHARE, "CREATE INDEX");
    }

    private void partitionFanOut(QualifiedName t, TableFacts tf, LockLevel l, String what) {
      if (!tf.partitioned()) {
        return;
      }
      for (QualifiedName p : tf.partitions()) {
        lock(p, l);
      }
      hit(
          RuleId.PARTITIONED_TABLE_FAN_OUT,
          t,
          l,
          tf.partitions(),
          false,
          false,
          what
              + " on partitioned "
              + t
              + " recurses and takes "
              + l.pgName()
              + " on every partition"
              + (tf.partitions().isEmpty() ? "" : " (" + tf.partitions().size() + " listed)"));
    }

    private Optional<QualifiedName> tableOfIndex(QualifiedName index) {
      for (var e : facts.tables().entrySet()) {
        if (e.getValue().indexes().containsKey(index.name())) {
          return Optional.of(e.getKey());
        }
      }
      return Optional.empty();
    }

    private void dropIndex(DdlStatement.DropIndex d) {
      if (d.concurrently()) {
        concurrentOutsideTx("DROP INDEX CONCURRENTLY");
        d.names().forEach(n -> lock(tableOfIndex(n).orElse(n), SHARE_UPDATE_EXCLUSIVE));
        return;
      }
      for (QualifiedName n : d.names()) {
        QualifiedName t = tableOfIndex(n).orElse(null);
        if (t != null) {
          lock(t, ACCESS_EXCLUSIVE);
        }
        hit(
            RuleId.DROP_INDEX_NON_CONCURRENTLY,
            t,
            ACCESS_EXCLUSIVE,
            t == null ? List.of() : List.of(t),
            false,
            false,
            "DROP INDEX "
                + n
                + " takes ACCESS EXCLUSIVE on "
                + (t == null ? "its table" : t.toString())
                + ": while it waits for running queries, every later query on the table queues"
                + " behind it");
      }
    }

    private void reindex(DdlStatement.Reindex r) {
      DdlStatement.Reindex.Target target = r.target();
      boolean many =
          target != DdlStatement.Reindex.Target.INDEX
              && target != DdlStatement.Reindex.Target.TABLE;
      QualifiedName t =
          switch (target) {
            case TABLE -> r.name().orElse(null);
            case INDEX -> r.name().flatMap(this::tableOfIndex).orElse(null);
            default -> null;
          };
      String what =
          switch (target) {
            case INDEX, TABLE -> "";
            case SCHEMA ->
                " of every table in schema " + r.name().map(QualifiedName::name).orElse("");
            case DATABASE -> " of every table in the database";
            case SYSTEM -> " of every system catalog";
          };
      if (many) {
        // One transaction per table: PostgreSQL refuses these inside a transaction block.
        concurrentOutsideTx("REINDEX " + target);
      }
      if (r.concurrently()) {
        if (!many) {
          concurrentOutsideTx("REINDEX CONCURRENTLY");
        }
        if (!facts.versionAtLeast(12)) {
          notes.add(
              "REINDEX CONCURRENTLY needs PostgreSQL 12 (server "
                  + server()
                  + "): an older server rejects the statement");
        }
        if (target == DdlStatement.Reindex.Target.DATABASE) {
          notes.add("REINDEX DATABASE CONCURRENTLY skips the system catalogs");
        }
        if (t != null) {
          lock(t, SHARE_UPDATE_EXCLUSIVE);
        }
        scan = true;
        return;
      }
      if (t != null) {
        lock(t, SHARE);
      }
      hit(
          RuleId.REINDEX_NON_CONCURRENTLY,
          t,
          SHARE,
          t == null ? List.of() : List.of(t),
          true,
          true,
          "REINDEX "
              + target
              + " without CONCURRENTLY holds SHARE on "
              + (many ? "each table in turn" + what : "the table")
              + " (writes blocked) and ACCESS EXCLUSIVE on "
              + (many ? "its indexes" : "the index")
              + " (queries whose plans consider "
              + (many ? "them" : "it")
              + " block)"
              + (target == DdlStatement.Reindex.Target.SYSTEM
                  ? "; system catalogs cannot be reindexed concurrently"
                  : facts.versionAtLeast(12)
                      ? ""
                      : "; REINDEX CONCURRENTLY needs PostgreSQL 12 (server " + server() + ")"));
    }

    // ------------------------------------------------------------ ALTER TABLE

    private void alterTable(DdlStatement.AlterTable a) {
      QualifiedName t = a.table();
      TableFacts tf = table(t);
      int before = raw.size();
      for (AlterAction action : a.actions()) {
        alterAction(t, tf, action, a.only());
      }
      long blocking =
          raw.subList(before, raw.size()).stream()
              .filter(r -> !r.finding().advisory() && !waived(r.finding().rule(), r.table()))
              .count();
      if (a.actions().size() > 1 && blocking > 0) {
        hit(
            RuleId.COMBINED_SUBCOMMANDS,
            t,
            locks.get(t),
            false,
            false,
            "one hazardous subcommand taints the whole ALTER TABLE: all "
                + a.actions().size()
                + " subcommands run under its lock and wait for its rewrite or scan");
      }
    }

    private void alterAction(QualifiedName t, TableFacts tf, AlterAction action, boolean only) {
      switch (action) {
        case AlterAction.AddColumn ac -> addColumn(t, tf, ac, only);
        case AlterAction.DropColumn dc -> {
          lock(t, ACCESS_EXCLUSIVE);
          hit(
              RuleId.DROP_COLUMN,
              t,
              ACCESS_EXCLUSIVE,
              false,
              false,
              "dropping "
                  + t
                  + "."
                  + dc.column()
                  + " is irreversible and breaks every reader and writer that still names it"
                  + (dc.cascade() ? "; CASCADE also drops dependent views and constraints" : ""));
        }
        case AlterAction.AlterColumnType at -> alterType(t, tf, at);
        case AlterAction.SetNotNull sn -> setNotNull(t, tf, sn.column(), "SET NOT NULL");
        case AlterAction.DropNotNull dn -> lock(t, ACCESS_EXCLUSIVE);
        case AlterAction.SetDefault sd -> lock(t, ACCESS_EXCLUSIVE);
        case AlterAction.DropDefault dd -> lock(t, ACCESS_EXCLUSIVE);
        case AlterAction.SetStatistics ss -> lock(t, SHARE_UPDATE_EXCLUSIVE);
        case AlterAction.SetStorage ss -> lock(t, ACCESS_EXCLUSIVE);
        case AlterAction.DropIdentity di -> lock(t, ACCESS_EXCLUSIVE);
        case AlterAction.DropExpression de -> {
          lock(t, ACCESS_EXCLUSIVE);
          notes.add(
              "DROP EXPRESSION keeps the stored values of "
                  + t
                  + "."
                  + de.column()
                  + ": catalog-only");
          versionNote(13, "ALTER COLUMN ... DROP EXPRESSION");
        }
        case AlterAction.TriggerState ts -> {
          lock(t, SHARE_ROW_EXCLUSIVE);
          if (!ts.enable() && ts.scope().filter("ALL"::equals).isPresent()) {
            notes.add(
                "DISABLE TRIGGER ALL also disables the internal triggers that enforce foreign keys"
                    + " on "
                    + t
                    + " (superuser only): rows written meanwhile are not checked");
          }
        }
        case AlterAction.SetSchema ss -> {
          lock(t, ACCESS_EXCLUSIVE);
          hit(
              RuleId.SET_SCHEMA,
              t,
              ACCESS_EXCLUSIVE,
              false,
              false,
              "moving "
                  + t
                  + " to schema "
                  + ss.schema()
                  + " breaks every client that names it by its old schema or finds it through"
                  + " search_path");
        }
        case AlterAction.AddIdentity ai -> {
          lock(t, ACCESS_EXCLUSIVE);
          Optional<ColumnFacts> col = tf.column(ai.column());
          if (col.isPresent() && !col.get().notNull()) {
            notes.add("ADD GENERATED AS IDENTITY needs " + ai.column() + " to be NOT NULL already");
          }
        }
        case AlterAction.AddConstraint ac -> {
          keyVersionNotes(ac.constraint());
          addConstraint(t, tf, ac);
        }
        case AlterAction.ValidateConstraint vc -> {
          lock(t, SHARE_UPDATE_EXCLUSIVE);
          scan = true;
          if (inTransaction() && session.addedNotValidInTransaction(vc.name())) {
            hit(
                RuleId.VALIDATE_IN_SAME_TRANSACTION,
                t,
                ACCESS_EXCLUSIVE,
                false,
                true,
                "constraint "
                    + vc.name()
                    + " was added NOT VALID earlier in this transaction, so its ACCESS EXCLUSIVE"
                    + " (or SHARE ROW EXCLUSIVE) lock is still held during the validating scan");
          }
        }
        case AlterAction.DropConstraint dc -> {
          lock(t, ACCESS_EXCLUSIVE);
          QualifiedName ref = tf.foreignKeys().get(dc.name());
          if (ref != null) {
            lock(ref, ACCESS_EXCLUSIVE);
            notes.add(
                "dropping foreign key "
                    + dc.name()
                    + " also takes ACCESS EXCLUSIVE on "
                    + ref
                    + ": lock_timeout must cover both tables");
          }
        }
        case AlterAction.RenameConstraint rc -> lock(t, ACCESS_EXCLUSIVE);
        case AlterAction.RenameColumn rc -> {
          lock(t, ACCESS_EXCLUSIVE);
          hit(
              RuleId.RENAME_COLUMN,
              t,
              ACCESS_EXCLUSIVE,
              false,
              false,
              "renaming "
                  + t
                  + "."
                  + rc.from()
                  + " to "
                  + rc.to()
                  + " breaks every client that still uses the old name");
        }
        case AlterAction.RenameTable rt -> {
          lock(t, ACCESS_EXCLUSIVE);
          hit(
              RuleId.RENAME_TABLE,
              t,
              ACCESS_EXCLUSIVE,
              false,
              false,
              "renaming "
                  + t
                  + " to "
                  + rt.to()
                  + " breaks every client that still uses the old"
                  + " name");
        }
        case AlterAction.SetLogged sl -> {
          lock(t, ACCESS_EXCLUSIVE);
          hit(
              RuleId.SET_LOGGED,
              t,
              ACCESS_EXCLUSIVE,
              true,
              true,
              "SET "
                  + (sl.logged() ? "LOGGED" : "UNLOGGED")
                  + " rewrites "
                  + t
                  + " under ACCESS EXCLUSIVE");
        }
        case AlterAction.SetTablespace st -> {
          lock(t, ACCESS_EXCLUSIVE);
          hit(
              RuleId.SET_TABLESPACE,
              t,
              ACCESS_EXCLUSIVE,
              true,
              false,
              "SET TABLESPACE copies every block of " + t + " under ACCESS EXCLUSIVE");
        }
        case AlterAction.SetOptions so -> lock(t, SHARE_UPDATE_EXCLUSIVE);
        case AlterAction.AttachPartition ap -> attach(t, ap);
        case AlterAction.DetachPartition dp -> detach(t, dp);
      }
    }

    private void addColumn(QualifiedName t, TableFacts tf, AlterAction.AddColumn ac, boolean only) {
      ColumnDef c = ac.column();
      lock(t, ACCESS_EXCLUSIVE);
      inlineVersionNotes(c);
      if (ac.ifNotExists() && tf.column(c.name()).isPresent()) {
        notes.add(
            "column "
                + c.name()
                + " already exists: ADD COLUMN IF NOT EXISTS is a no-op, but it still queues for"
                + " ACCESS EXCLUSIVE");
        return;
      }
      String col = t + "." + c.name();
      boolean rewrites = false;
      if (c.type().isSerial()) {
        rewrites = true;
        hit(
            RuleId.ADD_COLUMN_SERIAL,
            t,
            ACCESS_EXCLUSIVE,
            true,
            true,
            col
                + " is "
                + c.type().baseName()
                + ": its implicit nextval() default is volatile, so every row is rewritten under"
                + " ACCESS EXCLUSIVE");
      }
      if (c.generated().isPresent()) {
        switch (c.generated().get()) {
          case Generated.Identity id -> {
            rewrites = true;
            hit(
                RuleId.ADD_COLUMN_IDENTITY,
                t,
                ACCESS_EXCLUSIVE,
                true,
                true,
                col
                    + " is an identity column: every existing row gets a sequence value, which"
                    + " rewrites the table under ACCESS EXCLUSIVE");
          }
          case Generated.Computed cp -> {
            // VIRTUAL (explicit, or implied without a keyword) exists from PostgreSQL 18 on; an
            // older or unknown server rejects it, so it is never called safe there.
            boolean stored = cp.stored().orElse(false) || !facts.versionAtLeast(18);
            if (stored) {
              rewrites = true;
              hit(
                  RuleId.ADD_COLUMN_STORED_GENERATED,
                  t,
                  ACCESS_EXCLUSIVE,
                  true,
                  true,
                  col
                      + " is a STORED generated column: it is computed for every row, rewriting"
                      + " the table under ACCESS EXCLUSIVE"
                      + (cp.stored().isEmpty()
                          ? " (without STORED or VIRTUAL it is VIRTUAL only on PostgreSQL 18+)"
                          : cp.stored().get()
                              ? ""
                              : " (VIRTUAL needs PostgreSQL 18; server " + server() + ")"));
            } else {
              notes.add(col + " is a VIRTUAL generated column: catalog-only on PostgreSQL 18");
            }
          }
        }
      }
      if (!c.type().isBuiltin()) {
        Optional<TypeFacts> ty = Volatilities.typeFacts(c.type(), facts);
        boolean constrainedDomain =
            ty.map(x -> x.kind() == TypeFacts.Kind.DOMAIN && x.hasConstraints()).orElse(true);
        if (constrainedDomain) {
          rewrites = true;
          hit(
              RuleId.ADD_COLUMN_CONSTRAINED_DOMAIN,
              t,
              ACCESS_EXCLUSIVE,
              true,
              true,
              ty.isPresent()
                  ? col
                      + " has domain type "
                      + c.type().name()
                      + " with constraints: PostgreSQL rewrites the table to check them, even"
                      + " without a DEFAULT"
                  : col
                      + " has type "
                      + c.type().name()
                      + ", which the catalog facts do not describe; it may be a domain with"
                      + " constraints, which rewrites the table even without a DEFAULT");
        }
      }
      Optional<Expr> def = c.defaultValue().filter(d -> !Volatilities.isNullLiteral(d));
      if (def.isPresent()) {
        Volatility vol = Volatilities.of(def.get(), facts);
        if (vol.isVolatile()) {
          rewrites = true;
          hit(
              RuleId.ADD_COLUMN_VOLATILE_DEFAULT,
              t,
              ACCESS_EXCLUSIVE,
              true,
              true,
              col
                  + " has the volatile default "
                  + SqlRenderer.expr(def.get())
                  + ": PostgreSQL evaluates it for every existing row and rewrites the whole table"
                  + " and all its indexes under ACCESS EXCLUSIVE (on every version)");
        } else if (!facts.versionAtLeast(11)) {
          rewrites = true;
          hit(
              RuleId.ADD_COLUMN_DEFAULT_BEFORE_PG11,
              t,
              ACCESS_EXCLUSIVE,
              true,
              true,
              col
                  + " has a default: before PostgreSQL 11 any default rewrites the table (server "
                  + server()
                  + ")");
        } else {
          notes.add(
              "the default "
                  + SqlRenderer.expr(def.get())
                  + " is "
                  + vol.name().toLowerCase(java.util.Locale.ROOT)
                  + ": catalog-only on PostgreSQL 11+ (existing rows get the value computed once,"
                  + " at ALTER time)");
        }
      }
      if (c.notNull() && def.isEmpty() && c.generated().isEmpty() && !c.type().isSerial()) {
        hit(
            RuleId.ADD_COLUMN_NOT_NULL_NO_DEFAULT,
            t,
            ACCESS_EXCLUSIVE,
            false,
            true,
            col
                + " is NOT NULL without a default: PostgreSQL scans the table and fails with"
                + " 23502 on the first existing row; old INSERTs that omit the column break too");
      }
      for (InlineConstraint ic : c.constraints()) {
        switch (ic) {
          case InlineConstraint.Check ch ->
              hit(
                  RuleId.ADD_COLUMN_INLINE_CHECK,
                  t,
                  ACCESS_EXCLUSIVE,
                  false,
                  true,
                  "the inline CHECK on "
                      + col
                      + " is verified by a full scan under ACCESS EXCLUSIVE, even though the new"
                      + " column is all NULL");
          case InlineConstraint.Unique u ->
              hit(
                  RuleId.ADD_COLUMN_INLINE_UNIQUE,
                  t,
                  ACCESS_EXCLUSIVE,
                  false,
                  true,
                  "the inline UNIQUE on " + col + " builds an index under ACCESS EXCLUSIVE");
          case InlineConstraint.PrimaryKey p ->
              hit(
                  RuleId.ADD_COLUMN_INLINE_PRIMARY_KEY,
                  t,
                  ACCESS_EXCLUSIVE,
                  false,
                  true,
                  "the inline PRIMARY KEY on "
                      + col
                      + " builds an index (and checks NOT NULL) under ACCESS EXCLUSIVE");
          case InlineConstraint.References r -> {
            lock(r.table(), SHARE_ROW_EXCLUSIVE);
            if (def.isPresent()) {
              hit(
                  RuleId.ADD_COLUMN_INLINE_FOREIGN_KEY_WITH_DEFAULT,
                  t,
                  ACCESS_EXCLUSIVE,
                  List.of(t, r.table()),
                  false,
                  true,
                  "the inline REFERENCES "
                      + r.table()
                      + " on "
                      + col
                      + " has a non-null default, so every row is checked against "
                      + r.table()
                      + " while both tables are locked");
            } else {
              notes.add(
                  "inline REFERENCES without a default is catalog-only (PostgreSQL skips"
                      + " validation of an all-NULL new column); it also takes SHARE ROW EXCLUSIVE"
                      + " on "
                      + r.table());
            }
          }
        }
      }
      if (tf.partitioned() && !only) {
        partitionFanOut(t, tf, ACCESS_EXCLUSIVE, "ADD COLUMN" + (rewrites ? " (rewriting)" : ""));
      }
    }

    private Optional<TypeName> currentType(TableFacts tf, String column) {
      return tf.column(column).flatMap(c -> CatalogTypeText.parse(c.type()));
    }

    private void alterType(QualifiedName t, TableFacts tf, AlterAction.AlterColumnType at) {
      lock(t, ACCESS_EXCLUSIVE);
      Optional<String> tz = session.timeZone().or(() -> facts.setting("TimeZone"));
      TypeChanges.Outcome o =
          TypeChanges.classify(
              currentType(tf, at.column()), at.type(), at.using(), at.column(), facts, tz);
      String col = t + "." + at.column();
      if (o.rewrite()) {
        hit(
            RuleId.ALTER_COLUMN_TYPE_REWRITE,
            t,
            ACCESS_EXCLUSIVE,
            true,
            true,
            "changing "
                + col
                + " to "
                + SqlRenderer.type(at.type())
                + " rewrites the table and rebuilds every index under ACCESS EXCLUSIVE: "
                + o.reason());
        return;
      }
      notes.add("type change of " + col + " needs no rewrite: " + o.reason());
      List<String> checks =
          tf.column(at.column())
              .map(c -> c.checks().stream().map(x -> x.name()).toList())
              .orElse(List.of());
      if (!checks.isEmpty()) {
        hit(
            RuleId.ALTER_COLUMN_TYPE_CHECK_RESCAN,
            t,
            ACCESS_EXCLUSIVE,
            false,
            true,
            "no rewrite, but CHECK constraint(s) "
                + String.join(", ", checks)
                + " on "
                + col
                + " are re-validated by a full scan under ACCESS EXCLUSIVE");
      }
    }

    /** Whether SET NOT NULL on this column skips its scan. */
    private boolean notNullIsFree(TableFacts tf, String column) {
      Optional<ColumnFacts> c = tf.column(column);
      if (c.isEmpty()) {
        return false;
      }
      return c.get().notNull()
          || (facts.versionAtLeast(12) && c.get().notNullCheck() == NotNullCheck.VALID);
    }

    private void setNotNull(QualifiedName t, TableFacts tf, String column, String what) {
      lock(t, ACCESS_EXCLUSIVE);
      Optional<ColumnFacts> c = tf.column(column);
      if (c.isPresent() && c.get().notNull()) {
        notes.add(t + "." + column + " is already NOT NULL");
        return;
      }
      if (notNullIsFree(tf, column)) {
        notes.add(
            "a valid CHECK ("
                + column
                + " IS NOT NULL) exists: PostgreSQL 12+ skips the scan for "
                + what);
        return;
      }
      boolean validCheck = c.map(x -> x.notNullCheck() == NotNullCheck.VALID).orElse(false);
      hit(
          RuleId.SET_NOT_NULL_WITHOUT_CHECK,
          t,
          ACCESS_EXCLUSIVE,
          false,
          true,
          what
              + " on "
              + t
              + "."
              + column
              + " scans the whole table under ACCESS EXCLUSIVE"
              + (validCheck
                  ? ": a valid CHECK ("
                      + column
                      + " IS NOT NULL) exists, but PostgreSQL before 12"
                      + " ignores it (server "
                      + server()
                      + ")"
                  : c.map(x -> x.notNullCheck() == NotNullCheck.NOT_VALID).orElse(false)
                      ? ": the CHECK (" + column + " IS NOT NULL) exists but is NOT VALID yet"
                      : ": no validated CHECK (" + column + " IS NOT NULL) exists"));
    }

    private void addConstraint(QualifiedName t, TableFacts tf, AlterAction.AddConstraint ac) {
      String name = ac.constraint().name().orElse("(unnamed)");
      switch (ac.constraint()) {
        case TableConstraint.Check ch -> {
          lock(t, ACCESS_EXCLUSIVE);
          if (!ac.notValid()) {
            hit(
                RuleId.ADD_CHECK_VALIDATING,
                t,
                ACCESS_EXCLUSIVE,
                false,
                true,
                "CHECK constraint "
                    + name
                    + " is verified by a full scan of "
                    + t
                    + " under ACCESS EXCLUSIVE");
          }
        }
        case TableConstraint.ForeignKey fk -> {
          lock(t, SHARE_ROW_EXCLUSIVE);
          lock(fk.refTable(), SHARE_ROW_EXCLUSIVE);
          if (!ac.notValid()) {
            hit(
                RuleId.ADD_FOREIGN_KEY_VALIDATING,
                t,
                SHARE_ROW_EXCLUSIVE,
                List.of(t, fk.refTable()),
                false,
                true,
                "FOREIGN KEY "
                    + name
                    + " scans "
                    + t
                    + " and looks up "
                    + fk.refTable()
                    + " while holding SHARE ROW EXCLUSIVE on both (writes to both blocked)");
          }
        }
        case TableConstraint.Key k -> {
          lock(t, ACCESS_EXCLUSIVE);
          if (k.primary()) {
            List<String> nullable =
                k.columns().stream().filter(c -> !notNullIsFree(tf, c)).toList();
            hit(
                RuleId.ADD_PRIMARY_KEY,
                t,
                ACCESS_EXCLUSIVE,
                false,
                true,
                "PRIMARY KEY builds its index under ACCESS EXCLUSIVE (reads and writes blocked)"
                    + (nullable.isEmpty()
                        ? ""
                        : " and first scans for NULLs in " + String.join(", ", nullable)));
          } else {
            hit(
                RuleId.ADD_UNIQUE_CONSTRAINT,
                t,
                ACCESS_EXCLUSIVE,
                false,
                true,
                "UNIQUE constraint "
                    + name
                    + " builds its index under ACCESS EXCLUSIVE (reads and"
                    + " writes blocked)");
          }
        }
        case TableConstraint.KeyUsingIndex k -> {
          lock(t, ACCESS_EXCLUSIVE);
          if (k.primary()) {
            IndexFacts idx = tf.indexes().get(k.index());
            List<String> nullable =
                idx == null || idx.columns().isEmpty()
                    ? List.of()
                    : idx.columns().stream().filter(c -> !notNullIsFree(tf, c)).toList();
            if (idx == null || idx.columns().isEmpty() || !nullable.isEmpty()) {
              hit(
                  RuleId.PRIMARY_KEY_USING_INDEX_NULLABLE,
                  t,
                  ACCESS_EXCLUSIVE,
                  false,
                  true,
                  "PRIMARY KEY USING INDEX "
                      + k.index()
                      + " implicitly runs SET NOT NULL on "
                      + (nullable.isEmpty()
                          ? "its columns (not in the catalog facts)"
                          : String.join(", ", nullable))
                      + ", a full scan under ACCESS EXCLUSIVE");
            }
          }
        }
        case TableConstraint.Exclude x -> {
          lock(t, ACCESS_EXCLUSIVE);
          hit(
              RuleId.EXCLUSION_CONSTRAINT,
              t,
              ACCESS_EXCLUSIVE,
              false,
              true,
              "EXCLUDE constraint "
                  + name
                  + " builds and checks its index under ACCESS EXCLUSIVE; PostgreSQL has no NOT"
                  + " VALID or USING INDEX form for it");
        }
      }
    }

    private void attach(QualifiedName parent, AlterAction.AttachPartition ap) {
      QualifiedName part = ap.partition();
      lock(parent, facts.versionAtLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
      lock(part, ACCESS_EXCLUSIVE);
      boolean validated = facts.partition(part).map(p -> p.boundCheckValidated()).orElse(false);
      if (!validated && !(ap.bound() instanceof AlterAction.PartitionBound.Default)) {
        hit(
            RuleId.ATTACH_PARTITION_WITHOUT_VALIDATED_CHECK,
            part,
            ACCESS_EXCLUSIVE,
            List.of(part, parent),
            false,
            true,
            "ATTACH PARTITION scans "
                + part
                + " under ACCESS EXCLUSIVE to prove every row fits the bound, because no validated"
                + " CHECK implies it"
                + (facts.versionAtLeast(12)
                    ? ""
                    : "; before PostgreSQL 12 it also takes ACCESS EXCLUSIVE on " + parent));
      } else if (ap.bound() instanceof AlterAction.PartitionBound.Default) {
        hit(
            RuleId.ATTACH_PARTITION_WITHOUT_VALIDATED_CHECK,
            part,
            ACCESS_EXCLUSIVE,
            List.of(part, parent),
            false,
            true,
            "attaching a DEFAULT partition scans it, and checks that no row belongs to another"
                + " partition");
      }
    }

    private void detach(QualifiedName parent, AlterAction.DetachPartition dp) {
      QualifiedName part = dp.partition();
      if (dp.concurrently()) {
        lock(parent, SHARE_UPDATE_EXCLUSIVE);
        lock(part, SHARE_UPDATE_EXCLUSIVE);
        concurrentOutsideTx("DETACH PARTITION ... CONCURRENTLY");
        return;
      }
      lock(parent, ACCESS_EXCLUSIVE);
      lock(part, ACCESS_EXCLUSIVE);
      if (dp.finalizeDetach()) {
        return;
      }
      hit(
          RuleId.DETACH_PARTITION,
          parent,
          ACCESS_EXCLUSIVE,
          List.of(parent, part),
          false,
          false,
          "DETACH PARTITION takes ACCESS EXCLUSIVE on "
              + parent
              + " and "
              + part
              + ": every query on the partitioned table waits"
              + (facts.versionAtLeast(14)
                  ? ""
                  : "; CONCURRENTLY needs PostgreSQL 14 (server " + server() + ")"));
    }

    // ------------------------------------------------------------ finish

    RiskReport finish(DdlStatement statement) {
      // D6: anything that scans or rewrites after a statement that took ACCESS EXCLUSIVE earlier in
      // the same transaction keeps that lock held for its whole run.
      boolean failsAnyway =
          raw.stream().anyMatch(r -> r.finding().rule() == RuleId.CONCURRENTLY_IN_TRANSACTION);
      if (inTransaction() && (scan || rewrite) && !failsAnyway) {
        List<QualifiedName> held =
            session.exclusiveLocksHeld().stream()
                .map(QualifiedName::parse)
                .filter(q -> !isNew(q))
                .toList();
        if (!held.isEmpty()) {
          hit(
              RuleId.WORK_AFTER_EXCLUSIVE_LOCK_IN_TRANSACTION,
              null,
              ACCESS_EXCLUSIVE,
              held,
              false,
              true,
              "an earlier statement of this transaction holds ACCESS EXCLUSIVE on "
                  + held
                  + "; this statement's scan keeps it held (reads and writes blocked) until"
                  + " commit");
        }
      }
      Optional<LockLevel> strongest = locks.values().stream().reduce(LockLevel::max);
      boolean queueRisk =
          strongest.map(l -> l.blocksWrites() || l.blocksReads()).orElse(false)
              && !locks.keySet().stream().allMatch(this::isNew);
      boolean timeoutSet =
          session
              .lockTimeout()
              .map(d -> !d.isZero() && d.compareTo(MAX_LOCK_TIMEOUT) <= 0)
              .orElse(false);
      if (queueRisk && !timeoutSet) {
        hit(
            RuleId.LOCK_TIMEOUT_MISSING,
            null,
            strongest.get(),
            List.copyOf(locks.keySet()),
            false,
            false,
            "no lock_timeout (or one above "
                + MAX_LOCK_TIMEOUT.toSeconds()
                + "s): while the "
                + strongest.get().pgName()
                + " request waits behind a long query, every later query on "
                + locks.keySet()
                + " queues behind it");
      }
      List<Finding> blocking = new ArrayList<>();
      List<Finding> advisory = new ArrayList<>();
      for (Raw r : raw) {
        if (waived(r.finding().rule(), r.table())) {
          QualifiedName tt = r.table().get();
          notes.add(
              r.finding().ruleId()
                  + " does not apply: "
                  + tt
                  + (isNew(tt) ? " was created in this transaction" : " is empty"));
        } else if (r.finding().advisory()) {
          advisory.add(r.finding());
        } else {
          blocking.add(r.finding());
        }
      }
      Verdict verdict;
      if (blocking.stream().anyMatch(f -> f.rule() == RuleId.OPAQUE_DDL)) {
        verdict = Verdict.NOT_UNDERSTOOD;
      } else {
        verdict = blocking.isEmpty() ? Verdict.SAFE : Verdict.UNSAFE;
      }
      List<Finding> all = new ArrayList<>(blocking);
      all.addAll(advisory);
      Effect effect = new Effect(locks, rewrite, scan);
      return new RiskReport(
          statement,
          verdict,
          all,
          effect,
          List.copyOf(notes),
          explain(verdict, blocking, advisory, effect));
    }

    private String explain(
        Verdict verdict, List<Finding> blocking, List<Finding> advisory, Effect effect) {
      StringBuilder sb = new StringBuilder();
      switch (verdict) {
        case SAFE -> {
          sb.append("Safe to run");
          effect
              .strongestLock()
              .ifPresent(l -> sb.append(": takes ").append(l.pgName()).append(" briefly"));
          sb.append(effect.rewrite() ? ", rewrites" : "").append(effect.scan() ? ", scans" : "");
          sb.append('.');
          if (!advisory.isEmpty()) {
            sb.append(" Run it with lock_timeout and retry on 55P03.");
          }
        }
        case UNSAFE -> {
          sb.append("Unsafe as written.");
          Set<RuleId> seen = new LinkedHashSet<>();
          for (Finding f : blocking) {
            sb.append(" Why: ").append(f.message()).append('.');
            seen.add(f.rule());
          }
          for (RuleId r : seen) {
            sb.append(" Instead (").append(r.id()).append("): ").append(r.instead()).append('.');
          }
        }
        case NOT_UNDERSTOOD -> {
          sb.append("Cannot be judged before it runs.");
          blocking.forEach(f -> sb.append(' ').append(f.message()).append('.'));
          sb.append(' ').append(RuleId.OPAQUE_DDL.instead()).append('.');
        }
      }
      return sb.toString();
    }
  }
}

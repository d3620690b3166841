package dev.drawbridge.policy.plan;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.CheckFacts;
import dev.drawbridge.policy.facts.ColumnFacts;
import dev.drawbridge.policy.facts.IndexFacts;
import dev.drawbridge.policy.facts.NotNullCheck;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.risk.RiskAnalyzer;
import dev.drawbridge.policy.risk.RiskReport;
import dev.drawbridge.policy.risk.RuleId;
import dev.drawbridge.policy.risk.Verdict;
import dev.drawbridge.policy.risk.Volatilities;
import dev.drawbridge.policy.risk.model.AlterAction;
import dev.drawbridge.policy.risk.model.AlterAction.PartitionBound;
import dev.drawbridge.policy.risk.model.CatalogTypeText;
import dev.drawbridge.policy.risk.model.ColumnDef;
import dev.drawbridge.policy.risk.model.ColumnDef.Generated;
import dev.drawbridge.policy.risk.model.ColumnDef.InlineConstraint;
import dev.drawbridge.policy.risk.model.DdlFrontEnd;
import dev.drawbridge.policy.risk.model.DdlStatement;
import dev.drawbridge.policy.risk.model.DdlStatement.AlterTable;
import dev.drawbridge.policy.risk.model.DdlStatement.CreateIndex;
import dev.drawbridge.policy.risk.model.Expr;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import dev.drawbridge.policy.risk.model.TableConstraint;
import dev.drawbridge.policy.risk.model.TypeName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the staged plan for an analysed statement. A safe statement gets a one-step plan (how the
 * gateway runs it); an unsafe one gets the online alternative from ddl-safety.md section 1, or,
 * when PostgreSQL has none, the statement as written flagged for approval.
 */
public final class StagedPlanner {

  private static final Set<RuleId> TRANSACTION_ONLY =
      EnumSet.of(
          RuleId.CONCURRENTLY_IN_TRANSACTION,
          RuleId.VALIDATE_IN_SAME_TRANSACTION,
          RuleId.WORK_AFTER_EXCLUSIVE_LOCK_IN_TRANSACTION,
          RuleId.ADD_ENUM_VALUE_IN_TRANSACTION);

  private final RiskAnalyzer analyzer;
  private final RetryPolicy retry;
  private final int batchSize;

  public StagedPlanner(RiskAnalyzer analyzer, RetryPolicy retry, int batchSize) {
    this.analyzer = analyzer;
    this.retry = retry;
    this.batchSize = batchSize;
  }

  public StagedPlanner() {
    this(new RiskAnalyzer(), RetryPolicy.defaults(), BackfillSpec.DEFAULT_BATCH_SIZE);
  }

  public StagedPlan plan(RiskReport report, SessionContext session, CatalogFacts facts) {
    Builder b = new Builder(session, facts);
    DdlStatement s = report.statement();
    Set<RuleId> blocking = EnumSet.noneOf(RuleId.class);
    report.findings().stream().filter(f -> !f.advisory()).forEach(f -> blocking.add(f.rule()));
    if (report.verdict() == Verdict.SAFE) {
      b.asIs(s, "run as is");
    } else if (report.verdict() == Verdict.NOT_UNDERSTOOD) {
      b.asWritten(s, "opaque: only a person can judge it");
    } else if (TRANSACTION_ONLY.containsAll(blocking)) {
      b.notes.add("commit or roll back the open transaction first; the step runs on its own");
      b.asIs(s, "run on its own, outside the current transaction");
    } else {
      b.unsafe(s, report);
    }
    return new StagedPlan(b.online, b.steps, retry, b.notes);
  }

  /** Accumulates steps for one plan. */
  private final class Builder {
    private final SessionContext session;
    private final CatalogFacts facts;
    private final List<PlanStep> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean online = true;

    Builder(SessionContext session, CatalogFacts facts) {
      this.session = session;
      this.facts = facts;
    }

    private TableFacts table(QualifiedName t) {
      return facts.table(t, session.searchPath());
    }

    private void step(
        StepKind kind,
        String description,
        List<DdlStatement> statements,
        List<DdlStatement> rollback,
        boolean transactional,
        String... stepNotes) {
      steps.add(
          new PlanStep(
              steps.size() + 1,
              kind,
              description,
              statements,
              rollback,
              Optional.empty(),
              transactional,
              List.of(stepNotes)));
    }

    private void manual(String description, String... stepNotes) {
      step(StepKind.MANUAL, description, List.of(), List.of(), false, stepNotes);
    }

    private void backfill(BackfillSpec spec, String... stepNotes) {
      List<String> n = new ArrayList<>(List.of(stepNotes));
      if (spec.key().isEmpty()) {
        n.add(
            "no single-column primary key in the catalog facts: page by ctid ranges (TID range"
                + " scans need PostgreSQL 14+) or supply a key");
      }
      n.add(
          "one short autocommit transaction per batch; throttle on replication lag and lock waits");
      steps.add(
          new PlanStep(
              steps.size() + 1,
              StepKind.BACKFILL,
              "backfill "
                  + spec.table()
                  + "."
                  + spec.column()
                  + " in batches of "
                  + spec.batchSize(),
              List.of(),
              List.of(),
              Optional.of(spec),
              false,
              n));
    }

    /** A one-step plan: the statement itself, run the way its kind requires. */
    void asIs(DdlStatement s, String description) {
      StepKind kind = kindOf(s);
      step(kind, description, List.of(s), rollbackOf(s), kind != StepKind.CONCURRENT && !nonTx(s));
    }

    void asWritten(DdlStatement s, String why) {
      online = false;
      step(
          StepKind.AS_WRITTEN,
          "run as written after approval (" + why + ")",
          List.of(s),
          rollbackOf(s),
          !nonTx(s));
    }

    private boolean nonTx(DdlStatement s) {
      return s instanceof DdlStatement.VacuumFull
          || s instanceof DdlStatement.Vacuum
          || (s instanceof DdlStatement.Reindex r
              && r.target() != DdlStatement.Reindex.Target.INDEX
              && r.target() != DdlStatement.Reindex.Target.TABLE)
          || (s instanceof DdlStatement.AddEnumValue && !facts.versionAtLeast(12));
    }

    private StepKind kindOf(DdlStatement s) {
      return switch (s) {
        case CreateIndex c -> c.concurrently() ? StepKind.CONCURRENT : StepKind.FAST_DDL;
        case DdlStatement.DropIndex d -> d.concurrently() ? StepKind.CONCURRENT : StepKind.FAST_DDL;
        case DdlStatement.Reindex r -> r.concurrently() ? StepKind.CONCURRENT : StepKind.FAST_DDL;
        case DdlStatement.Vacuum v -> StepKind.CONCURRENT;
        case AlterTable a -> {
          if (a.actions().stream().allMatch(x -> x instanceof AlterAction.ValidateConstraint)) {
            yield StepKind.VALIDATE;
          }
          if (a.actions().stream()
              .anyMatch(x -> x instanceof AlterAction.DetachPartition d && d.concurrently())) {
            yield StepKind.CONCURRENT;
          }
          yield StepKind.FAST_DDL;
        }
        default -> StepKind.FAST_DDL;
      };
    }

    private List<DdlStatement> rollbackOf(DdlStatement s) {
      return switch (s) {
        case CreateIndex c when c.name().isPresent() ->
            List.of(
                new DdlStatement.DropIndex(
                    List.of(indexName(c.table(), c.name().get())), c.concurrently(), true, false));
        case AlterTable a -> {
          List<AlterAction> back = new ArrayList<>();
          for (AlterAction x : a.actions().reversed()) {
            Optional<AlterAction> r = rollbackOf(x);
            if (r.isEmpty()) {
              yield List.of();
            }
            back.add(r.get());
          }
          yield List.of(new AlterTable(a.table(), a.ifExists(), a.only(), back));
        }
        case DdlStatement.CreateSequence c ->
            List.of(new DdlStatement.DropSequence(c.name(), true));
        case DdlStatement.CreateTable c ->
            List.of(new DdlStatement.DropTable(List.of(c.table()), true, false));
        default -> List.of();
      };
    }

    private Optional<AlterAction> rollbackOf(AlterAction x) {
      return switch (x) {
        case AlterAction.AddColumn ac ->
            Optional.of(new AlterAction.DropColumn(ac.column().name(), true, false));
        case AlterAction.SetNotNull sn -> Optional.of(new AlterAction.DropNotNull(sn.column()));
        case AlterAction.AddConstraint ac when ac.constraint().name().isPresent() ->
            Optional.of(new AlterAction.DropConstraint(ac.constraint().name().get(), true, false));
        case AlterAction.RenameColumn rc ->
            Optional.of(new AlterAction.RenameColumn(rc.to(), rc.from()));
        case AlterAction.RenameConstraint rc ->
            Optional.of(new AlterAction.RenameConstraint(rc.to(), rc.from()));
        case AlterAction.SetLogged sl -> Optional.of(new AlterAction.SetLogged(!sl.logged()));
        case AlterAction.DetachPartition dp -> Optional.empty();
        default -> Optional.empty();
      };
    }

    // ---------------------------------------------------------------- unsafe forms

    void unsafe(DdlStatement s, RiskReport report) {
      switch (s) {
        case AlterTable a -> alterTable(a);
        case CreateIndex c -> createIndex(c, report);
        case DdlStatement.DropIndex d -> {
          if (d.cascade()) {
            asWritten(
                s, "CASCADE drops dependent constraints; DROP INDEX CONCURRENTLY has no CASCADE");
            return;
          }
          for (QualifiedName n : d.names()) {
            step(
                StepKind.CONCURRENT,
                "drop index " + n + " without blocking queries",
                List.of(new DdlStatement.DropIndex(List.of(n), true, d.ifExists(), false)),
                List.of(),
                false,
                "rollback: re-create the index with CREATE INDEX CONCURRENTLY (its definition is"
                    + " not in the statement)");
          }
        }
        case DdlStatement.Reindex r -> {
          if (r.target() == DdlStatement.Reindex.Target.SYSTEM) {
            asWritten(s, "system catalogs cannot be reindexed concurrently");
          } else if (facts.versionAtLeast(12)) {
            step(
                StepKind.CONCURRENT,
                "rebuild without blocking writes",
                List.of(new DdlStatement.Reindex(r.target(), r.name(), true)),
                List.of(),
                false,
                "a failed REINDEX CONCURRENTLY leaves an invalid *_ccnew index: drop it"
                    + " concurrently and retry");
          } else {
            notes.add(
                "before PostgreSQL 12 there is no REINDEX CONCURRENTLY: build a replacement with"
                    + " CREATE INDEX CONCURRENTLY, swap names, drop the old one concurrently");
            asWritten(s, "no concurrent REINDEX on this server");
          }
        }
        case DdlStatement.DropTable d -> {
          for (QualifiedName t : d.names()) {
            String dep = helper(t.name(), "deprecated");
            QualifiedName depName = new QualifiedName(t.schema(), dep);
            step(
                StepKind.FAST_DDL,
                "rename " + t + " out of the way (reversible)",
                List.of(alter(t, new AlterAction.RenameTable(dep))),
                List.of(alter(depName, new AlterAction.RenameTable(t.name()))),
                true,
                "clients that still use the table fail loudly now, while the data is still there");
            step(
                StepKind.CLEANUP,
                "drop it after a grace period",
                List.of(new DdlStatement.DropTable(List.of(depName), false, false)),
                List.of(),
                true,
                "irreversible: the rollback is a restore from backup; without CASCADE it fails if"
                    + " anything still depends on the table");
          }
        }
        case DdlStatement.Truncate t -> {
          notes.add(
              "alternatives: DELETE in batches, or create an empty copy and swap names in one"
                  + " short transaction");
          asWritten(s, "irreversible data removal");
        }
        case DdlStatement.AddEnumValue e -> {
          notes.add("run it outside any transaction block (PostgreSQL before 12)");
          step(StepKind.FAST_DDL, "add the enum label on its own", List.of(s), List.of(), false);
        }
        default -> asWritten(s, "PostgreSQL has no online alternative");
      }
    }

    private AlterTable alter(QualifiedName t, AlterAction... actions) {
      return new AlterTable(t, false, false, List.of(actions));
    }

    private void alterTable(AlterTable a) {
      List<AlterAction> plain = new ArrayList<>();
      List<AlterAction> hazardous = new ArrayList<>();
      List<RiskReport> reports = new ArrayList<>();
      for (AlterAction x : a.actions()) {
        RiskReport r = analyzer.analyze(a.with(List.of(x)), session, facts);
        if (r.verdict() == Verdict.SAFE) {
          plain.add(x);
        } else {
          hazardous.add(x);
          reports.add(r);
        }
      }
      if (!plain.isEmpty()) {
        AlterTable p = a.with(plain);
        step(
            StepKind.FAST_DDL,
            hazardous.isEmpty() ? "run as is" : "catalog-only subcommands, together",
            List.of(p),
            rollbackOf(p),
            true);
      }
      for (int k = 0; k < hazardous.size(); k++) {
        action(a, hazardous.get(k), reports.get(k));
      }
    }

    private void action(AlterTable a, AlterAction x, RiskReport r) {
      QualifiedName t = a.table();
      TableFacts tf = table(t);
      switch (x) {
        case AlterAction.AddColumn ac -> addColumn(a, ac, tf);
        case AlterAction.SetNotNull sn -> {
          notes.add(
              "VALIDATE fails while any row of " + sn.column() + " is NULL: backfill those first");
          notNull(t, sn.column());
        }
        case AlterAction.AlterColumnType at -> {
          if (r.has(RuleId.ALTER_COLUMN_TYPE_REWRITE)) {
            expandContract(t, tf, at.column(), at.type(), at.using(), at.column());
          } else {
            typeChangeWithChecks(t, tf, at);
          }
        }
        case AlterAction.AddConstraint ac -> addConstraint(a, ac, tf);
        case AlterAction.DropColumn dc -> {
          manual(
              "stop reading and writing "
                  + t
                  + "."
                  + dc.column()
                  + " in every application, deploy,"
                  + " and wait out a grace period");
          step(
              StepKind.FAST_DDL,
              "drop the column",
              List.of(alter(t, new AlterAction.DropColumn(dc.column(), dc.ifExists(), false))),
              List.of(),
              true,
              "irreversible: the rollback is a restore from backup",
              "never CASCADE: it silently drops dependent views");
        }
        case AlterAction.RenameColumn rc -> {
          Optional<TypeName> type = currentType(tf, rc.from());
          if (type.isEmpty()) {
            notes.add(
                "expand/contract needs the column's type, which the catalog facts do not list");
            asWritten(a, "breaks clients that use the old name");
            return;
          }
          expandContract(t, tf, rc.from(), type.get(), Optional.empty(), rc.to());
        }
        case AlterAction.RenameTable rt -> {
          QualifiedName renamed = new QualifiedName(t.schema(), rt.to());
          step(
              StepKind.FAST_DDL,
              "rename and leave a view under the old name, in one transaction",
              List.of(a, new DdlStatement.CreateViewSelectAll(t, renamed)),
              List.of(
                  new DdlStatement.DropView(t, true),
                  alter(renamed, new AlterAction.RenameTable(t.name()))),
              true,
              "a single-table SELECT * view is automatically updatable: old clients keep reading"
                  + " and writing through it");
          manual("move every client to " + renamed);
          step(
              StepKind.CLEANUP,
              "drop the compatibility view",
              List.of(new DdlStatement.DropView(t, false)),
              List.of(new DdlStatement.CreateViewSelectAll(t, renamed)),
              true);
        }
        case AlterAction.AttachPartition ap -> attach(t, ap);
        case AlterAction.DetachPartition dp -> {
          if (facts.versionAtLeast(14)) {
            step(
                StepKind.CONCURRENT,
                "detach without blocking queries on " + t,
                List.of(alter(t, new AlterAction.DetachPartition(dp.partition(), true, false))),
                List.of(),
                false,
                "if it is interrupted, finish with DETACH PARTITION ... FINALIZE",
                "rollback: ATTACH PARTITION again with its bound");
          } else {
            asWritten(a, "DETACH CONCURRENTLY needs PostgreSQL 14");
          }
        }
        default -> asWritten(alter(t, x), "PostgreSQL has no online alternative");
      }
    }

    // ---------------------------------------------------------------- ADD COLUMN

    private void addColumn(AlterTable a, AlterAction.AddColumn ac, TableFacts tf) {
      QualifiedName t = a.table();
      ColumnDef c = ac.column();
      String col = c.name();
      TypeName base = c.type().withoutSerial();
      if (!c.type().isBuiltin()) {
        Optional<TypeFacts> ty = facts.type(c.type().name().toString());
        Optional<TypeName> domainBase =
            ty.filter(x -> x.kind() == TypeFacts.Kind.DOMAIN)
                .flatMap(TypeFacts::baseType)
                .flatMap(StagedPlanner::parseType);
        if (domainBase.isEmpty()) {
          asWritten(a, "the column type is not described in the catalog facts");
          return;
        }
        base = domainBase.get();
        notes.add(
            "the column uses the base type "
                + SqlRenderer.type(base)
                + " instead of domain "
                + c.type().name()
                + "; re-create the domain's rules as CHECK constraints (NOT VALID, then VALIDATE)");
      }
      Optional<Expr> def = c.defaultValue().filter(d -> !Volatilities.isNullLiteral(d));
      Optional<Generated> gen = c.generated();
      boolean sequence =
          c.type().isSerial() || gen.map(g -> g instanceof Generated.Identity).orElse(false);
      Optional<Expr> computed =
          gen.flatMap(
              g ->
                  g instanceof Generated.Computed cp
                      ? Optional.of(cp.expression())
                      : Optional.empty());
      if (computed.isPresent()) {
        // ddl-safety.md A7: a trigger-filled plain column is not a generated column, and PostgreSQL
        // cannot make an existing column GENERATED ... STORED without rewriting the table
        asWritten(
            a,
            "no online path to a STORED generated column: a plain column kept by a trigger is not"
                + " the same column; on PostgreSQL 18 a VIRTUAL generated column is catalog-only");
        return;
      }
      List<InlineConstraint> keepInline = new ArrayList<>();
      List<InlineConstraint.References> laterFks = new ArrayList<>();
      for (InlineConstraint ic : c.constraints()) {
        if (ic instanceof InlineConstraint.References r) {
          if (def.isEmpty() && !sequence && computed.isEmpty()) {
            keepInline.add(r);
          } else {
            laterFks.add(r);
          }
        }
      }
      ColumnDef first = ColumnDef.of(col, base).withConstraints(keepInline);
      step(
          StepKind.FAST_DDL,
          "add " + col + " as a nullable column without default (catalog-only)",
          List.of(alter(t, new AlterAction.AddColumn(first, ac.ifNotExists()))),
          List.of(alter(t, new AlterAction.DropColumn(col, true, false))),
          true);
      Optional<Expr> value = def;
      if (sequence) {
        QualifiedName seq = new QualifiedName(t.schema(), helper(t.name(), col, "seq"));
        Expr next =
            new Expr.FunctionCall(
                QualifiedName.of("nextval"), List.of(Expr.Literal.string(SqlRenderer.name(seq))));
        value = Optional.of(next);
        step(
            StepKind.FAST_DDL,
            "create a sequence and make it the default for new rows",
            List.of(
                new DdlStatement.CreateSequence(seq, false),
                alter(t, new AlterAction.SetDefault(col, next)),
                new DdlStatement.AlterSequenceOwnedBy(seq, t, col)),
            List.of(
                alter(t, new AlterAction.DropDefault(col)),
                new DdlStatement.DropSequence(seq, true)),
            true);
      } else if (def.isPresent()) {
        step(
            StepKind.FAST_DDL,
            "set the default for new rows (SET DEFAULT never rewrites, even when volatile)",
            List.of(alter(t, new AlterAction.SetDefault(col, def.get()))),
            List.of(alter(t, new AlterAction.DropDefault(col))),
            true);
      }
      boolean pk = c.constraints().stream().anyMatch(x -> x instanceof InlineConstraint.PrimaryKey);
      // serial and identity columns are implicitly NOT NULL; so is a primary key
      boolean notNull = c.notNull() || pk || sequence;
      if (value.isPresent()) {
        backfill(new BackfillSpec(t, key(tf), col, value.get(), batchSize));
      } else if (notNull) {
        manual(
            "fill " + t + "." + col + " for existing rows in batches (WHERE " + col + " IS NULL)",
            "no default was given, so Drawbridge cannot choose the values");
      }
      for (InlineConstraint ic : c.constraints()) {
        if (ic instanceof InlineConstraint.Check ch) {
          String name = ch.name().orElse(helper(t.name(), col, "check"));
          checkNotValid(t, name, ch.expression());
        }
      }
      if (notNull) {
        notNull(t, col);
      }
      if (gen.isPresent() && gen.get() instanceof Generated.Identity id) {
        // ddl-safety.md A5/A6: ADD GENERATED AS IDENTITY on a NOT NULL column is catalog-only
        step(
            StepKind.FAST_DDL,
            "make "
                + col
                + " an identity column (catalog-only once NOT NULL), numbering on after max("
                + col
                + "), and drop the helper sequence",
            List.of(
                alter(t, new AlterAction.DropDefault(col)),
                new DdlStatement.DropSequence(
                    new QualifiedName(t.schema(), helper(t.name(), col, "seq")), false),
                alter(t, new AlterAction.AddIdentity(col, id.always())),
                new DdlStatement.SetSequenceToMax(t, col)),
            List.of(alter(t, new AlterAction.DropIdentity(col))),
            true,
            "one transaction: no row gets an identity value before setval",
            "rollback leaves the column without a default; the earlier rollbacks drop it");
      }
      for (InlineConstraint ic : c.constraints()) {
        switch (ic) {
          case InlineConstraint.Unique u ->
              uniqueIndex(
                  new TableConstraint.Key(
                      u.name(), false, List.of(col), List.of(), u.nullsDistinct(), u.deferral()),
                  t);
          case InlineConstraint.PrimaryKey p ->
              uniqueIndex(
                  new TableConstraint.Key(
                      p.name(), true, List.of(col), List.of(), Optional.empty(), p.deferral()),
                  t);
          default -> {}
        }
      }
      for (InlineConstraint.References r : laterFks) {
        foreignKey(
            t,
            new TableConstraint.ForeignKey(
                Optional.of(r.name().orElse(helper(t.name(), col, "fkey"))),
                List.of(col),
                r.table(),
                r.columns(),
                r.onDelete(),
                r.onUpdate(),
                r.match(),
                r.deferral()));
      }
      if (tf.partitioned()) {
        notes.add("partitioned table: the backfill runs per partition");
      }
    }

    private Optional<String> key(TableFacts tf) {
      return tf.primaryKey().size() == 1 ? Optional.of(tf.primaryKey().get(0)) : Optional.empty();
    }

    // ---------------------------------------------------------------- building blocks

    /** [NV] for a CHECK. */
    private void checkNotValid(QualifiedName t, String name, Expr expression) {
      step(
          StepKind.FAST_DDL,
          "add CHECK " + name + " as NOT VALID (new rows are checked from here on)",
          List.of(
              alter(
                  t,
                  new AlterAction.AddConstraint(
                      new TableConstraint.Check(Optional.of(name), expression), true))),
          List.of(alter(t, new AlterAction.DropConstraint(name, true, false))),
          true);
      validate(t, name);
    }

    private void validate(QualifiedName t, String name) {
      step(
          StepKind.VALIDATE,
          "validate " + name + " with a scan under SHARE UPDATE EXCLUSIVE (reads and writes go on)",
          List.of(alter(t, new AlterAction.ValidateConstraint(name))),
          List.of(),
          true,
          "in its own transaction, never together with the NOT VALID step");
    }

    /** [NN]. */
    private void notNull(QualifiedName t, String col) {
      String name = helper(t.name(), col, "nn");
      Expr isNotNull = new Expr.IsNull(Expr.ColumnRef.of(col), true);
      checkNotValid(t, name, isNotNull);
      boolean pg12 = facts.versionAtLeast(12);
      step(
          StepKind.FAST_DDL,
          "set NOT NULL on " + col,
          List.of(alter(t, new AlterAction.SetNotNull(col))),
          List.of(alter(t, new AlterAction.DropNotNull(col))),
          true,
          pg12
              ? "PostgreSQL 12+ proves NOT NULL from the validated CHECK: no scan"
              : "before PostgreSQL 12 (or with the version unknown) this scans the whole table"
                  + " under ACCESS EXCLUSIVE; on such a server keep the validated CHECK and skip"
                  + " this step and the next");
      step(
          StepKind.CLEANUP,
          "drop the helper CHECK " + name,
          List.of(alter(t, new AlterAction.DropConstraint(name, false, false))),
          List.of(),
          true,
          "nothing to undo: NOT NULL now enforces the rule");
      if (facts.versionAtLeast(18)) {
        notes.add(
            "PostgreSQL 18 can also do ADD CONSTRAINT ... NOT NULL "
                + col
                + " NOT VALID, then"
                + " VALIDATE");
      }
    }

    /** [CIC] + USING INDEX. */
    private void uniqueIndex(TableConstraint.Key key, QualifiedName t) {
      Optional<String> name = key.name();
      List<String> cols = key.columns();
      boolean primary = key.primary();
      TableFacts tf = table(t);
      if (primary) {
        for (String c : cols) {
          Optional<ColumnFacts> cf = tf.column(c);
          boolean free =
              cf.map(
                      x ->
                          x.notNull()
                              || (facts.versionAtLeast(12)
                                  && x.notNullCheck() == NotNullCheck.VALID))
                  .orElse(false);
          boolean plannedAlready =
              steps.stream()
                  .anyMatch(
                      s ->
                          s.statements().stream()
                              .anyMatch(
                                  st ->
                                      st instanceof AlterTable at
                                          && at.actions().contains(new AlterAction.SetNotNull(c))));
          if (!free && !plannedAlready) {
            notNull(t, c);
          }
        }
      }
      String idx =
          name.orElse(
              primary ? helper(t.name(), "pkey") : helper(t.name(), String.join("_", cols), "key"));
      List<DdlStatement.IndexElement> elems =
          cols.stream()
              .map(
                  c -> new DdlStatement.IndexElement(Expr.ColumnRef.of(c), Optional.empty(), false))
              .toList();
      step(
          StepKind.CONCURRENT,
          "build the unique index " + idx + " without blocking writes",
          List.of(
              new CreateIndex(
                  Optional.of(idx),
                  t,
                  true,
                  true,
                  false,
                  false,
                  Optional.empty(),
                  elems,
                  key.include(),
                  Optional.empty(),
                  key.nullsDistinct(),
                  List.of(),
                  Optional.empty())),
          List.of(new DdlStatement.DropIndex(List.of(indexName(t, idx)), true, true, false)),
          false,
          invalidIndexNote(idx));
      step(
          StepKind.FAST_DDL,
          "turn the index into the " + (primary ? "primary key" : "unique constraint"),
          List.of(
              alter(
                  t,
                  new AlterAction.AddConstraint(
                      new TableConstraint.KeyUsingIndex(
                          Optional.of(idx), primary, idx, key.deferral()),
                      false))),
          List.of(alter(t, new AlterAction.DropConstraint(idx, true, false))),
          true);
    }

    private String invalidIndexNote(String idx) {
      return "alone, in autocommit; if it fails it leaves an INVALID index (pg_index.indisvalid ="
          + " false) that IF NOT EXISTS would accept: DROP INDEX CONCURRENTLY IF EXISTS "
          + SqlRenderer.ident(idx)
          + " and retry";
    }

    private QualifiedName indexName(QualifiedName table, String idx) {
      return new QualifiedName(table.schema(), idx);
    }

    private void foreignKey(QualifiedName t, TableConstraint.ForeignKey fk) {
      step(
          StepKind.FAST_DDL,
          "add the foreign key as NOT VALID (brief SHARE ROW EXCLUSIVE on both tables)",
          List.of(alter(t, new AlterAction.AddConstraint(fk, true))),
          List.of(alter(t, new AlterAction.DropConstraint(fk.name().get(), true, false))),
          true,
          "dropping a foreign key takes ACCESS EXCLUSIVE on both tables: the rollback needs"
              + " lock_timeout too");
      validate(t, fk.name().get());
      notes.add(
          "consider an index on "
              + t
              + " ("
              + String.join(", ", fk.columns())
              + ") built CONCURRENTLY: deletes on "
              + fk.refTable()
              + " scan "
              + t
              + " without one");
    }

    private void addConstraint(AlterTable a, AlterAction.AddConstraint ac, TableFacts tf) {
      QualifiedName t = a.table();
      switch (ac.constraint()) {
        case TableConstraint.Check ch ->
            checkNotValid(
                t,
                ch.name().orElse(helper(t.name(), firstColumn(ch.expression()), "check")),
                ch.expression());
        case TableConstraint.ForeignKey fk ->
            foreignKey(
                t,
                fk.named(
                    fk.name().orElse(helper(t.name(), String.join("_", fk.columns()), "fkey"))));
        case TableConstraint.Key k -> uniqueIndex(k, t);
        case TableConstraint.KeyUsingIndex k -> {
          IndexFacts idx = tf.indexes().get(k.index());
          if (idx == null || idx.columns().isEmpty()) {
            notes.add(
                "the catalog facts do not list the columns of index "
                    + k.index()
                    + ": make each NOT NULL through a validated CHECK first");
            asWritten(a, "implicit SET NOT NULL scan");
            return;
          }
          for (String c : idx.columns()) {
            Optional<ColumnFacts> cf = tf.column(c);
            boolean free =
                cf.map(
                        x ->
                            x.notNull()
                                || (facts.versionAtLeast(12)
                                    && x.notNullCheck() == NotNullCheck.VALID))
                    .orElse(false);
            if (!free) {
              notNull(t, c);
            }
          }
          step(
              StepKind.FAST_DDL,
              "add the primary key on the prepared index",
              List.of(a),
              rollbackOf(a),
              true);
        }
        case TableConstraint.Exclude x -> {
          notes.add(
              "exclusion constraints have no NOT VALID and no USING INDEX form: build a new table"
                  + " with the constraint and migrate (expand/contract), or approve a maintenance"
                  + " window");
          asWritten(a, "no online path");
        }
      }
    }

    private String firstColumn(Expr e) {
      return switch (e) {
        case Expr.ColumnRef c -> c.parts().getLast();
        case Expr.Binary b -> {
          String l = firstColumn(b.left());
          yield l.isEmpty() ? firstColumn(b.right()) : l;
        }
        case Expr.Unary u -> firstColumn(u.operand());
        case Expr.IsNull n -> firstColumn(n.operand());
        case Expr.InList in -> firstColumn(in.operand());
        case Expr.Between bt -> firstColumn(bt.operand());
        case Expr.Like l -> firstColumn(l.operand());
        case Expr.ArrayComparison a -> firstColumn(a.operand());
        case Expr.Cast c -> firstColumn(c.operand());
        case Expr.FunctionCall f ->
            f.args().stream()
                .map(this::firstColumn)
                .filter(x -> !x.isEmpty())
                .findFirst()
                .orElse("");
        default -> "";
      };
    }

    // ---------------------------------------------------------------- type changes

    private Optional<TypeName> currentType(TableFacts tf, String column) {
      return tf.column(column).flatMap(c -> parseType(c.type()));
    }

    /** [EC]: new column, sync, backfill, constraints, swap (or switch readers), drop old. */
    private void expandContract(
        QualifiedName t,
        TableFacts tf,
        String column,
        TypeName type,
        Optional<Expr> using,
        String finalName) {
      boolean rename = !finalName.equals(column);
      String fresh = rename ? finalName : helper(column, "new");
      String old = helper(column, "old");
      step(
          StepKind.FAST_DDL,
          "add " + fresh + " " + SqlRenderer.type(type) + " next to " + column,
          List.of(alter(t, new AlterAction.AddColumn(ColumnDef.of(fresh, type), false))),
          List.of(alter(t, new AlterAction.DropColumn(fresh, true, false))),
          true);
      Expr value =
          using.orElse(
              rename ? Expr.ColumnRef.of(column) : new Expr.Cast(Expr.ColumnRef.of(column), type));
      manual(
          "keep "
              + fresh
              + " in sync with "
              + column
              + ": a BEFORE INSERT OR UPDATE trigger setting NEW."
              + fresh
              + " := "
              + SqlRenderer.expr(onNewRow(value, column))
              + " (and the reverse while old writers remain), or dual writes in the application",
          "rollback: drop the trigger and its function");
      backfill(new BackfillSpec(t, key(tf), fresh, value, batchSize));
      if (tf.column(column).map(ColumnFacts::notNull).orElse(false)) {
        notNull(t, fresh);
      }
      notes.add(
          "re-create indexes, constraints and defaults of "
              + column
              + " on "
              + fresh
              + " (CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE) before the switch; views that"
              + " select "
              + column
              + " must be re-created");
      if (rename) {
        manual("move every reader and writer from " + column + " to " + fresh + ", then deploy");
        step(
            StepKind.CLEANUP,
            "drop the old column " + column + " (drop the sync trigger first)",
            List.of(alter(t, new AlterAction.DropColumn(column, false, false))),
            List.of(),
            true,
            "irreversible: the rollback is a restore from backup");
        notes.add(
            "alternative: approve the rename as written and deploy clients at the same moment");
      } else {
        step(
            StepKind.FAST_DDL,
            "swap the columns in one short transaction (drop the sync trigger in it)",
            List.of(
                alter(t, new AlterAction.RenameColumn(column, old)),
                alter(t, new AlterAction.RenameColumn(fresh, column))),
            List.of(
                alter(t, new AlterAction.RenameColumn(column, fresh)),
                alter(t, new AlterAction.RenameColumn(old, column))),
            true);
        step(
            StepKind.CLEANUP,
            "drop the old column after a grace period",
            List.of(alter(t, new AlterAction.DropColumn(old, false, false))),
            List.of(),
            true,
            "irreversible: the rollback is a restore from backup");
        notes.add("alternative: approve the rewrite as written for a maintenance window");
      }
    }

    private Expr onNewRow(Expr e, String column) {
      return switch (e) {
        case Expr.ColumnRef c when c.parts().size() == 1 && c.parts().get(0).equals(column) ->
            new Expr.ColumnRef(List.of("new", column));
        case Expr.Cast c -> new Expr.Cast(onNewRow(c.operand(), column), c.type());
        case Expr.Binary b ->
            new Expr.Binary(b.operator(), onNewRow(b.left(), column), onNewRow(b.right(), column));
        case Expr.FunctionCall f ->
            new Expr.FunctionCall(
                f.name(), f.args().stream().map(x -> onNewRow(x, column)).toList());
        default -> e;
      };
    }

    /** B4 with CHECKs: drop them, change the type (catalog-only), re-add NOT VALID, VALIDATE. */
    private void typeChangeWithChecks(
        QualifiedName t, TableFacts tf, AlterAction.AlterColumnType at) {
      List<CheckFacts> checks = tf.column(at.column()).map(ColumnFacts::checks).orElse(List.of());
      List<AlterAction> first = new ArrayList<>();
      List<AlterAction> undo = new ArrayList<>();
      List<TableConstraint.Check> readd = new ArrayList<>();
      for (CheckFacts cf : checks) {
        Optional<Expr> e = parseCheck(cf.definition());
        if (e.isEmpty()) {
          notes.add("cannot read CHECK " + cf.name() + " from the catalog facts");
          asWritten(alter(t, at), "CHECK re-validation scan");
          return;
        }
        first.add(new AlterAction.DropConstraint(cf.name(), false, false));
        readd.add(new TableConstraint.Check(Optional.of(cf.name()), e.get()));
      }
      first.add(at);
      Optional<TypeName> old = currentType(tf, at.column());
      old.ifPresent(
          o -> undo.add(new AlterAction.AlterColumnType(at.column(), o, Optional.empty())));
      step(
          StepKind.FAST_DDL,
          "drop the CHECKs on " + at.column() + " and change its type (no rewrite, no scan)",
          List.of(new AlterTable(t, false, false, first)),
          undo.isEmpty() ? List.of() : List.of(new AlterTable(t, false, false, undo)),
          true,
          "the rollback narrows the type back, which may rewrite; re-add the CHECKs after it");
      for (TableConstraint.Check c : readd) {
        checkNotValid(t, c.name().get(), c.expression());
      }
    }

    // ---------------------------------------------------------------- partitions

    private void attach(QualifiedName parent, AlterAction.AttachPartition ap) {
      QualifiedName part = ap.partition();
      List<String> key = table(parent).partitionKey();
      Optional<Expr> check =
          key.size() == 1 ? boundCheck(key.get(0), ap.bound()) : Optional.empty();
      if (ap.bound() instanceof PartitionBound.Default) {
        asWritten(alter(parent, ap), "a DEFAULT partition is always scanned");
        return;
      }
      String helperName = helper(part.name(), "bound");
      if (check.isPresent()) {
        checkNotValid(part, helperName, check.get());
      } else {
        manual(
            "on "
                + part
                + " add a CHECK that implies the bound ("
                + SqlRenderer.bound(ap.bound())
                + ") as NOT VALID and VALIDATE it",
            "the partition key is not in the catalog facts, so Drawbridge cannot write the CHECK");
      }
      step(
          StepKind.FAST_DDL,
          "attach: the validated CHECK lets PostgreSQL skip the scan"
              + (facts.versionAtLeast(12) ? " (SHARE UPDATE EXCLUSIVE on " + parent + ")" : ""),
          List.of(alter(parent, ap)),
          List.of(alter(parent, new AlterAction.DetachPartition(part, false, false))),
          true);
      if (check.isPresent()) {
        step(
            StepKind.CLEANUP,
            "drop the helper CHECK",
            List.of(alter(part, new AlterAction.DropConstraint(helperName, false, false))),
            List.of(),
            true);
      }
    }

    private Optional<Expr> boundCheck(String key, PartitionBound bound) {
      Expr k = Expr.ColumnRef.of(key);
      Expr notNull = new Expr.IsNull(k, true);
      return switch (bound) {
        case PartitionBound.Range r when r.from().size() == 1 && r.to().size() == 1 -> {
          Expr e = notNull;
          if (!isInfinite(r.from().get(0))) {
            e = new Expr.Binary("AND", e, new Expr.Binary(">=", k, r.from().get(0)));
          }
          if (!isInfinite(r.to().get(0))) {
            e = new Expr.Binary("AND", e, new Expr.Binary("<", k, r.to().get(0)));
          }
          yield Optional.of(e);
        }
        case PartitionBound.In in
            when in.values().stream().noneMatch(Volatilities::isNullLiteral) ->
            Optional.of(new Expr.Binary("AND", notNull, new Expr.InList(k, in.values(), false)));
        default -> Optional.empty();
      };
    }

    private boolean isInfinite(Expr e) {
      return e instanceof Expr.ColumnRef c
          && c.parts().size() == 1
          && (c.parts().get(0).equals("minvalue") || c.parts().get(0).equals("maxvalue"));
    }

    // ---------------------------------------------------------------- indexes

    private void createIndex(CreateIndex c, RiskReport r) {
      if (r.has(RuleId.CONCURRENT_INDEX_PG14_CORRUPTION)) {
        notes.add("upgrade to PostgreSQL 14.4+ first; a plain CREATE INDEX blocks writes instead");
        asWritten(c, "concurrent builds are unsafe on this minor version");
        return;
      }
      String name = c.name().orElse(defaultIndexName(c.table().name(), c.elements()));
      QualifiedName qn = indexName(c.table(), name);
      if (r.has(RuleId.CONCURRENT_INDEX_INVALID_LEFTOVER)) {
        step(
            StepKind.CONCURRENT,
            "drop the invalid leftover of a failed build",
            List.of(new DdlStatement.DropIndex(List.of(qn), true, true, false)),
            List.of(),
            false);
      }
      TableFacts tf = table(c.table());
      if (tf.partitioned() && !c.only()) {
        partitionedIndex(c, name, tf);
        return;
      }
      CreateIndex cic =
          new CreateIndex(
              Optional.of(name),
              c.table(),
              c.unique(),
              true,
              c.ifNotExists(),
              false,
              c.method(),
              c.elements(),
              c.include(),
              c.where(),
              c.nullsDistinct(),
              c.storageParameters(),
              c.tablespace());
      step(
          StepKind.CONCURRENT,
          "build the index without blocking writes",
          List.of(cic),
          List.of(new DdlStatement.DropIndex(List.of(qn), true, true, false)),
          false,
          invalidIndexNote(name));
    }

    private void partitionedIndex(CreateIndex c, String name, TableFacts tf) {
      if (tf.partitions().isEmpty()) {
        notes.add(
            "the catalog facts list no partitions: CREATE INDEX ... ON ONLY the parent, CREATE"
                + " INDEX CONCURRENTLY on each partition, then ALTER INDEX ... ATTACH PARTITION");
        asWritten(c, "partitions unknown");
        return;
      }
      QualifiedName parentIdx = indexName(c.table(), name);
      step(
          StepKind.FAST_DDL,
          "create the parent index ON ONLY the parent (invalid until every partition is attached)",
          List.of(
              new CreateIndex(
                  Optional.of(name),
                  c.table(),
                  c.unique(),
                  false,
                  c.ifNotExists(),
                  true,
                  c.method(),
                  c.elements(),
                  c.include(),
                  c.where(),
                  c.nullsDistinct(),
                  c.storageParameters(),
                  c.tablespace())),
          List.of(new DdlStatement.DropIndex(List.of(parentIdx), false, true, false)),
          true);
      for (QualifiedName p : tf.partitions()) {
        String child = defaultIndexName(p.name(), c.elements());
        QualifiedName childQ = indexName(p, child);
        step(
            StepKind.CONCURRENT,
            "build the index on partition " + p,
            List.of(
                new CreateIndex(
                    Optional.of(child),
                    p,
                    c.unique(),
                    true,
                    false,
                    false,
                    c.method(),
                    c.elements(),
                    c.include(),
                    c.where(),
                    c.nullsDistinct(),
                    c.storageParameters(),
                    c.tablespace())),
            List.of(new DdlStatement.DropIndex(List.of(childQ), true, true, false)),
            false,
            invalidIndexNote(child));
        step(
            StepKind.FAST_DDL,
            "attach it to the parent index",
            List.of(new DdlStatement.AttachIndex(parentIdx, childQ)),
            List.of(),
            true);
      }
    }
  }

  // -------------------------------------------------------------------- names

  static Optional<TypeName> parseType(String text) {
    return CatalogTypeText.parse(text);
  }

  static Optional<Expr> parseCheck(String definition) {
    return DdlFrontEnd.checkDefinition(definition);
  }

  static String defaultIndexName(String table, List<DdlStatement.IndexElement> elements) {
    List<String> parts = new ArrayList<>();
    for (DdlStatement.IndexElement e : elements) {
      parts.add(e.expression() instanceof Expr.ColumnRef c ? c.parts().getLast() : "expr");
    }
    return helper(table, String.join("_", parts), "idx");
  }

  /** Joins parts with '_' and truncates to PostgreSQL's 63-byte identifier limit. */
  static String helper(String... parts) {
    String s = String.join("_", parts);
    while (s.getBytes(StandardCharsets.UTF_8).length > 63) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}

package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.ddl.node.ConstraintTiming;
import dev.drawbridge.policy.ddl.node.DropBehavior;
import dev.drawbridge.policy.ddl.node.PgOperator;
import dev.drawbridge.policy.ddl.node.PgTypeNameSpec;
import dev.drawbridge.policy.ddl.node.SqlPgAddColumn;
import dev.drawbridge.policy.ddl.node.SqlPgAddConstraint;
import dev.drawbridge.policy.ddl.node.SqlPgAlterColumn;
import dev.drawbridge.policy.ddl.node.SqlPgAlterTable;
import dev.drawbridge.policy.ddl.node.SqlPgAlterType;
import dev.drawbridge.policy.ddl.node.SqlPgColumnConstraint;
import dev.drawbridge.policy.ddl.node.SqlPgColumnDef;
import dev.drawbridge.policy.ddl.node.SqlPgComment;
import dev.drawbridge.policy.ddl.node.SqlPgCreateIndex;
import dev.drawbridge.policy.ddl.node.SqlPgCreateTable;
import dev.drawbridge.policy.ddl.node.SqlPgCreateTrigger;
import dev.drawbridge.policy.ddl.node.SqlPgDrop;
import dev.drawbridge.policy.ddl.node.SqlPgDropColumn;
import dev.drawbridge.policy.ddl.node.SqlPgIndexElement;
import dev.drawbridge.policy.ddl.node.SqlPgMaintenance;
import dev.drawbridge.policy.ddl.node.SqlPgObjectDdl;
import dev.drawbridge.policy.ddl.node.SqlPgOption;
import dev.drawbridge.policy.ddl.node.SqlPgPartitionBound;
import dev.drawbridge.policy.ddl.node.SqlPgReferences;
import dev.drawbridge.policy.ddl.node.SqlPgRelation;
import dev.drawbridge.policy.ddl.node.SqlPgTableAction;
import dev.drawbridge.policy.ddl.node.SqlPgTableConstraint;
import dev.drawbridge.policy.ddl.node.SqlPgTruncate;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.risk.model.AlterAction.PartitionBound;
import dev.drawbridge.policy.risk.model.ColumnDef.Generated;
import dev.drawbridge.policy.risk.model.ColumnDef.InlineConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlQuantifyOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Adapts the typed Calcite trees of {@code dev.drawbridge.policy.ddl} to the risk model. Anything
 * the model cannot represent faithfully (options the rules do not know, expression forms outside
 * the model) throws {@link Unsupported}: the caller reports NOT_UNDERSTOOD rather than judge a
 * statement with a part silently dropped.
 */
public final class CalciteDdlAdapter {

  /** The tree holds something the risk model does not represent. */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unsupported(String message) {
      super(message);
    }
  }

  private CalciteDdlAdapter() {}

  public static DdlStatement statement(SqlNode node) {
    return switch (node) {
      case SqlPgAlterTable a ->
          new DdlStatement.AlterTable(
              name(a.table()),
              a.ifExists(),
              a.only(),
              a.actions().stream().map(CalciteDdlAdapter::action).toList());
      case SqlPgCreateIndex c -> createIndex(c);
      case SqlPgDrop d -> drop(d);
      case SqlPgMaintenance m -> maintenance(m);
      case SqlPgAlterType t ->
          t.isRename()
              ? new DdlStatement.RenameEnumValue(
                  name(t.type()), t.value(), required(t.other(), "new label"))
              : new DdlStatement.AddEnumValue(
                  name(t.type()),
                  t.value(),
                  t.ifNotExists(),
                  Optional.ofNullable(t.other()),
                  Boolean.TRUE.equals(t.before()));
      case SqlPgTruncate t ->
          new DdlStatement.Truncate(relations(t.tables()), t.behavior() == DropBehavior.CASCADE);
      case SqlPgCreateTable c -> createTable(c);
      case SqlPgObjectDdl o -> objectDdl(o);
      case SqlPgComment c -> comment(c);
      case SqlPgCreateTrigger t -> trigger(t);
      default -> throw new Unsupported("statement " + node.getKind() + " is not judged");
    };
  }

  private static <T> T required(T value, String what) {
    if (value == null) {
      throw new Unsupported("missing " + what);
    }
    return value;
  }

  // ---------------------------------------------------------------- names

  static QualifiedName name(SqlIdentifier id) {
    return switch (id.names.size()) {
      case 1 -> QualifiedName.of(id.names.get(0));
      case 2 -> QualifiedName.of(id.names.get(0), id.names.get(1));
      default -> throw new Unsupported("name with " + id.names.size() + " parts: " + id);
    };
  }

  static String simple(SqlIdentifier id) {
    if (!id.isSimple()) {
      throw new Unsupported("qualified name where a simple one is expected: " + id);
    }
    return id.getSimple();
  }

  private static List<String> simples(SqlNodeList list) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (SqlNode n : list) {
        out.add(simple((SqlIdentifier) n));
      }
    }
    return out;
  }

  private static List<QualifiedName> relations(SqlNodeList list) {
    List<QualifiedName> out = new ArrayList<>();
    for (SqlNode n : list) {
      switch (n) {
        case SqlPgRelation r -> {
          if (r.columns() != null && r.columns().size() > 0) {
            throw new Unsupported("column lists are not judged");
          }
          out.add(name(r.name()));
        }
        case SqlIdentifier id -> out.add(name(id));
        default -> throw new Unsupported("relation " + n);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- statements

  private static DdlStatement createIndex(SqlPgCreateIndex c) {
    List<DdlStatement.IndexElement> elements = new ArrayList<>();
    for (SqlNode n : c.elements()) {
      elements.add(indexElement((SqlPgIndexElement) n));
    }
    return new DdlStatement.CreateIndex(
        Optional.ofNullable(c.name()).map(CalciteDdlAdapter::simple),
        name(c.table()),
        c.unique(),
        c.concurrently(),
        c.ifNotExists(),
        c.only(),
        Optional.ofNullable(c.method()).map(m -> simple(m).toLowerCase(Locale.ROOT)),
        elements,
        simples(c.include()),
        Optional.ofNullable(c.where()).map(CalciteDdlAdapter::expr),
        Optional.ofNullable(c.nullsDistinct()),
        storageParameters(c.with()),
        Optional.ofNullable(c.tablespace()).map(CalciteDdlAdapter::simple));
  }

  /** {@code WITH (name [= value], ...)} as {@code name} / {@code name = value} texts. */
  private static List<String> storageParameters(SqlNodeList list) {
    List<String> opts = new ArrayList<>();
    if (list == null) {
      return opts;
    }
    for (SqlNode n : list) {
      SqlPgOption o = (SqlPgOption) n;
      String k = o.name().toLowerCase(Locale.ROOT);
      if (!k.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
        throw new Unsupported("option name " + o.name());
      }
      if (o.value() != null) {
        k = k + " = " + optionValue(o.value());
      }
      opts.add(k);
    }
    return opts;
  }

  private static DdlStatement.IndexElement indexElement(SqlPgIndexElement e) {
    if (e.collation() != null || e.nullsFirst() != null || e.withOperator() != null) {
      throw new Unsupported("COLLATE / NULLS FIRST|LAST in index keys are not judged");
    }
    return new DdlStatement.IndexElement(
        expr(e.expression()),
        Optional.ofNullable(e.opclass()).map(CalciteDdlAdapter::simple),
        Boolean.TRUE.equals(e.descending()));
  }

  private static DdlStatement drop(SqlPgDrop d) {
    List<QualifiedName> names = relations(d.names());
    boolean cascade = d.behavior() == DropBehavior.CASCADE;
    return switch (d.objectType()) {
      case TABLE -> new DdlStatement.DropTable(names, d.ifExists(), cascade);
      case INDEX -> new DdlStatement.DropIndex(names, d.concurrently(), d.ifExists(), cascade);
      case SEQUENCE -> new DdlStatement.DropSequence(single(names, cascade), d.ifExists());
      case VIEW -> new DdlStatement.DropView(single(names, cascade), d.ifExists());
    };
  }

  private static QualifiedName single(List<QualifiedName> names, boolean cascade) {
    if (names.size() != 1 || cascade) {
      throw new Unsupported("several names or CASCADE are not judged here");
    }
    return names.getFirst();
  }

  private static DdlStatement comment(SqlPgComment c) {
    Optional<String> text =
        Optional.ofNullable(c.text()).map(t -> ((SqlCharStringLiteral) t).getValueAs(String.class));
    String kind = c.objectType().name();
    return switch (c.objectType()) {
      case COLUMN -> {
        List<String> parts = c.name().names;
        if (parts.size() > 3) {
          throw new Unsupported("column name " + c.name());
        }
        QualifiedName table =
            parts.size() == 2
                ? QualifiedName.of(parts.get(0))
                : QualifiedName.of(parts.get(0), parts.get(1));
        yield new DdlStatement.Comment(kind, table, Optional.of(parts.getLast()), text);
      }
      case CONSTRAINT ->
          new DdlStatement.Comment(
              kind, name(required(c.table(), "table")), Optional.of(simple(c.name())), text);
      case SCHEMA ->
          new DdlStatement.Comment(
              kind, QualifiedName.of(simple(c.name())), Optional.empty(), text);
      default -> new DdlStatement.Comment(kind, name(c.name()), Optional.empty(), text);
    };
  }

  private static DdlStatement trigger(SqlPgCreateTrigger t) {
    ConstraintTiming d = t.deferral();
    String deferral =
        ((d.deferrable() == null ? "" : d.deferrable() ? " DEFERRABLE" : " NOT DEFERRABLE")
                + (d.initiallyDeferred() == null
                    ? ""
                    : d.initiallyDeferred() ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE"))
            .strip();
    return new DdlStatement.CreateTrigger(
        t.orReplace(),
        t.constraint(),
        simple(t.name()),
        t.timing(),
        t.events(),
        simples(t.updateColumns()),
        name(t.table()),
        Optional.ofNullable(t.from()).map(CalciteDdlAdapter::name),
        deferral,
        t.referencing(),
        t.forEachRow(),
        Optional.ofNullable(t.when()).map(CalciteDdlAdapter::expr),
        t.procedure(),
        name(t.function()),
        exprs(t.arguments()));
  }

  private static DdlStatement objectDdl(SqlPgObjectDdl o) {
    return switch (o.type()) {
      case RENAME_INDEX -> {
        if (o.ifExists()) {
          throw new Unsupported("ALTER INDEX IF EXISTS is not judged");
        }
        yield new DdlStatement.RenameIndex(name(o.name()), simple(required(o.target(), "name")));
      }
      case ATTACH_INDEX ->
          new DdlStatement.AttachIndex(name(o.name()), name(required(o.target(), "index")));
      case RENAME_SCHEMA ->
          new DdlStatement.RenameSchema(simple(o.name()), simple(required(o.target(), "name")));
      case SEQUENCE_OWNED_BY -> {
        if (o.ifExists()) {
          throw new Unsupported("ALTER SEQUENCE IF EXISTS is not judged");
        }
        SqlIdentifier col = required(o.target(), "owner");
        List<String> parts = col.names;
        if (parts.size() > 3) {
          throw new Unsupported("OWNED BY " + col);
        }
        QualifiedName table =
            parts.size() == 2
                ? QualifiedName.of(parts.get(0))
                : QualifiedName.of(parts.get(0), parts.get(1));
        yield new DdlStatement.AlterSequenceOwnedBy(name(o.name()), table, parts.getLast());
      }
      case CREATE_SEQUENCE -> new DdlStatement.CreateSequence(name(o.name()), o.ifExists());
      case CREATE_VIEW ->
          new DdlStatement.CreateViewSelectAll(name(o.name()), name(required(o.target(), "table")));
    };
  }

  private static DdlStatement maintenance(SqlPgMaintenance m) {
    List<QualifiedName> rels = relations(m.relations());
    if (rels.size() > 1) {
      throw new Unsupported("several relations in one " + m.command() + " are not judged");
    }
    Optional<QualifiedName> rel = rels.stream().findFirst();
    return switch (m.command()) {
      case VACUUM -> {
        if (m.hasOption("full")) {
          yield new DdlStatement.VacuumFull(rel);
        }
        List<String> opts = new ArrayList<>();
        for (SqlNode n : m.options()) {
          SqlPgOption o = (SqlPgOption) n;
          String k = o.name().toLowerCase(Locale.ROOT);
          if (k.equals("full")) {
            continue; // FULL false / off
          }
          if (!k.matches("[a-z_]+")) {
            throw new Unsupported("VACUUM option " + o.name());
          }
          opts.add(o.value() == null ? k : k + " " + optionValue(o.value()));
        }
        yield new DdlStatement.Vacuum(rel, opts);
      }
      case CLUSTER ->
          new DdlStatement.Cluster(
              rel, Optional.ofNullable(m.index()).map(CalciteDdlAdapter::simple));
      case REINDEX -> {
        DdlStatement.Reindex.Target target;
        try {
          target =
              DdlStatement.Reindex.Target.valueOf(
                  String.valueOf(m.target()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new Unsupported("REINDEX " + m.target() + " is not judged");
        }
        for (SqlNode n : m.options()) {
          String k = ((SqlPgOption) n).name().toLowerCase(Locale.ROOT);
          if (!k.equals("concurrently") && !k.equals("verbose")) {
            throw new Unsupported("REINDEX option " + k + " is not judged");
          }
        }
        boolean conc = m.concurrently() || m.hasOption("concurrently");
        if (rel.isEmpty()
            && target != DdlStatement.Reindex.Target.DATABASE
            && target != DdlStatement.Reindex.Target.SYSTEM) {
          throw new Unsupported("REINDEX target");
        }
        if (rel.isPresent()
            && rel.get().schema().isPresent()
            && target != DdlStatement.Reindex.Target.INDEX
            && target != DdlStatement.Reindex.Target.TABLE) {
          throw new Unsupported("qualified REINDEX " + target + " name");
        }
        yield new DdlStatement.Reindex(target, rel, conc);
      }
    };
  }

  private static DdlStatement createTable(SqlPgCreateTable c) {
    List<ColumnDef> cols = new ArrayList<>();
    List<TableConstraint> cons = new ArrayList<>();
    for (SqlNode e : c.elements()) {
      switch (e) {
        case SqlPgColumnDef d -> cols.add(column(d));
        case SqlPgTableConstraint t -> cons.add(constraint(t));
        default -> throw new Unsupported("table element " + e.getKind());
      }
    }
    Optional<DdlStatement.CreateTable.PartitionOf> partitionOf = Optional.empty();
    if (c.partitionOf() != null) {
      partitionOf =
          Optional.of(
              new DdlStatement.CreateTable.PartitionOf(
                  name(c.partitionOf()), bound(required(c.bound(), "partition bound"))));
    }
    Optional<DdlStatement.CreateTable.PartitionBy> partitionBy = Optional.empty();
    if (c.partitionStrategy() != null) {
      List<DdlStatement.IndexElement> keys = new ArrayList<>();
      for (SqlNode n : required(c.partitionKeys(), "partition key")) {
        keys.add(indexElement((SqlPgIndexElement) n));
      }
      partitionBy =
          Optional.of(
              new DdlStatement.CreateTable.PartitionBy(
                  c.partitionStrategy().toLowerCase(Locale.ROOT), keys));
    }
    return new DdlStatement.CreateTable(
        name(c.name()),
        c.ifNotExists(),
        cols,
        cons,
        switch (c.persistence()) {
          case PERMANENT -> DdlStatement.CreateTable.Persistence.PERMANENT;
          case TEMPORARY -> DdlStatement.CreateTable.Persistence.TEMPORARY;
          case UNLOGGED -> DdlStatement.CreateTable.Persistence.UNLOGGED;
        },
        partitionOf,
        c.inherits() == null ? List.of() : relations(c.inherits()),
        partitionBy,
        storageParameters(c.with()),
        Optional.ofNullable(c.tablespace()).map(CalciteDdlAdapter::simple));
  }

  // ---------------------------------------------------------------- ALTER TABLE actions

  static AlterAction action(SqlNode node) {
    return switch (node) {
      case SqlPgAddColumn a -> new AlterAction.AddColumn(column(a.column()), a.ifNotExists());
      case SqlPgAddConstraint a ->
          new AlterAction.AddConstraint(constraint(a.constraint()), a.constraint().notValid());
      case SqlPgAlterColumn a -> alterColumn(a);
      case SqlPgDropColumn d ->
          d.isConstraint()
              ? new AlterAction.DropConstraint(
                  simple(d.name()), d.ifExists(), d.behavior() == DropBehavior.CASCADE)
              : new AlterAction.DropColumn(
                  simple(d.name()), d.ifExists(), d.behavior() == DropBehavior.CASCADE);
      case SqlPgTableAction t -> tableAction(t);
      default -> throw new Unsupported("ALTER TABLE action " + node.getKind());
    };
  }

  private static AlterAction alterColumn(SqlPgAlterColumn a) {
    String col = simple(a.column());
    return switch (a.type()) {
      case SET_TYPE -> {
        if (a.collation() != null) {
          throw new Unsupported("COLLATE in a type change is not judged");
        }
        yield new AlterAction.AlterColumnType(
            col,
            type(required(a.newType(), "type")),
            Optional.ofNullable(a.expression()).map(CalciteDdlAdapter::expr));
      }
      case SET_DEFAULT ->
          new AlterAction.SetDefault(col, expr(required(a.expression(), "default")));
      case DROP_DEFAULT -> new AlterAction.DropDefault(col);
      case SET_NOT_NULL -> new AlterAction.SetNotNull(col);
      case DROP_NOT_NULL -> new AlterAction.DropNotNull(col);
      case DROP_IDENTITY -> new AlterAction.DropIdentity(col);
      case ADD_IDENTITY -> {
        if (a.identityOptions() != null && a.identityOptions().size() > 0) {
          throw new Unsupported("identity sequence options are not judged");
        }
        yield new AlterAction.AddIdentity(col, a.identityAlways());
      }
      case SET_STATISTICS -> {
        try {
          yield new AlterAction.SetStatistics(
              col, Integer.parseInt(required(a.argument(), "target")));
        } catch (NumberFormatException e) {
          throw new Unsupported("statistics target " + a.argument());
        }
      }
      case SET_STORAGE -> new AlterAction.SetStorage(col, required(a.argument(), "storage"));
      case DROP_EXPRESSION -> new AlterAction.DropExpression(col, a.ifExists());
    };
  }

  private static AlterAction tableAction(SqlPgTableAction t) {
    return switch (t.type()) {
      case VALIDATE_CONSTRAINT ->
          new AlterAction.ValidateConstraint(simple(required(t.name(), "name")));
      case RENAME_COLUMN ->
          new AlterAction.RenameColumn(
              simple(required(t.name(), "column")), simple(required(t.newName(), "name")));
      case RENAME_CONSTRAINT ->
          new AlterAction.RenameConstraint(
              simple(required(t.name(), "constraint")), simple(required(t.newName(), "name")));
      case RENAME_TABLE -> new AlterAction.RenameTable(simple(required(t.newName(), "name")));
      case SET_SCHEMA -> new AlterAction.SetSchema(simple(required(t.name(), "schema")));
      case ENABLE_TRIGGER, DISABLE_TRIGGER -> {
        if ((t.name() == null) == (t.triggerScope() == null)
            || (t.mode() != null && t.triggerScope() != null)) {
          throw new Unsupported("trigger name or ALL/USER");
        }
        yield new AlterAction.TriggerState(
            t.type() == SqlPgTableAction.Type.ENABLE_TRIGGER,
            Optional.ofNullable(t.mode()).map(x -> x.toUpperCase(Locale.ROOT)),
            Optional.ofNullable(t.name()).map(CalciteDdlAdapter::simple),
            Optional.ofNullable(t.triggerScope()).map(x -> x.toUpperCase(Locale.ROOT)));
      }
      case SET_LOGGED -> new AlterAction.SetLogged(true);
      case SET_UNLOGGED -> new AlterAction.SetLogged(false);
      case SET_TABLESPACE ->
          new AlterAction.SetTablespace(simple(required(t.name(), "tablespace")));
      case SET_OPTIONS, RESET_OPTIONS ->
          new AlterAction.SetOptions(
              storageParameters(required(t.options(), "options")),
              t.type() == SqlPgTableAction.Type.RESET_OPTIONS);
      case ATTACH_PARTITION ->
          new AlterAction.AttachPartition(
              name(required(t.name(), "partition")), bound(required(t.bound(), "bound")));
      case DETACH_PARTITION ->
          new AlterAction.DetachPartition(
              name(required(t.name(), "partition")),
              "CONCURRENTLY".equalsIgnoreCase(t.mode()),
              "FINALIZE".equalsIgnoreCase(t.mode()));
    };
  }

  private static String optionValue(SqlNode v) {
    return switch (v) {
      case SqlNumericLiteral n -> String.valueOf(n.toValue());
      case SqlCharStringLiteral s -> SqlRenderer.string(s.getValueAs(String.class));
      case SqlIdentifier id when id.isSimple() -> SqlRenderer.ident(id.getSimple());
      case SqlLiteral l when l.getTypeName() == SqlTypeName.BOOLEAN -> String.valueOf(l.toValue());
      default -> throw new Unsupported("option value " + v);
    };
  }

  private static PartitionBound bound(SqlPgPartitionBound b) {
    return switch (b.type()) {
      case DEFAULT -> new PartitionBound.Default();
      case IN -> new PartitionBound.In(exprs(required(b.values(), "values")));
      case RANGE ->
          new PartitionBound.Range(
              exprs(required(b.values(), "from")), exprs(required(b.to(), "to")));
      case HASH -> new PartitionBound.Hash(b.modulus(), b.remainder());
    };
  }

  // ---------------------------------------------------------------- columns and constraints

  static ColumnDef column(SqlPgColumnDef d) {
    Optional<Expr> def = Optional.empty();
    boolean notNull = false;
    Optional<Generated> gen = Optional.empty();
    List<InlineConstraint> cons = new ArrayList<>();
    Optional<QualifiedName> collation = Optional.empty();
    for (SqlPgColumnConstraint c : d.constraints()) {
      Deferral deferral = deferral(c.timing());
      boolean deferrable =
          c.type() == SqlPgColumnConstraint.Type.UNIQUE
              || c.type() == SqlPgColumnConstraint.Type.PRIMARY_KEY
              || c.type() == SqlPgColumnConstraint.Type.REFERENCES;
      if (!c.timing().isEmpty() && !deferrable) {
        throw new Unsupported("DEFERRABLE on a " + c.type() + " column constraint");
      }
      Optional<String> cname = Optional.ofNullable(c.name()).map(CalciteDdlAdapter::simple);
      switch (c.type()) {
        case NOT_NULL -> notNull = true;
        case NULL -> notNull = false;
        case DEFAULT -> def = Optional.of(expr(required(c.expression(), "default")));
        case CHECK -> {
          if (c.noInherit()) {
            throw new Unsupported("NO INHERIT is not judged");
          }
          cons.add(new InlineConstraint.Check(cname, expr(required(c.expression(), "check"))));
        }
        case UNIQUE ->
            cons.add(
                new InlineConstraint.Unique(
                    cname, Optional.ofNullable(c.nullsDistinct()), deferral));
        case PRIMARY_KEY -> cons.add(new InlineConstraint.PrimaryKey(cname, deferral));
        case REFERENCES -> {
          SqlPgReferences r = required(c.references(), "references");
          cons.add(
              new InlineConstraint.References(
                  cname,
                  name(r.table()),
                  simples(r.columns()),
                  action(r.onDelete()),
                  action(r.onUpdate()),
                  match(r),
                  deferral));
        }
        case COLLATE -> {
          if (collation.isPresent()) {
            throw new Unsupported("two COLLATE clauses");
          }
          collation = Optional.of(name(required(c.collation(), "collation")));
        }
        case GENERATED_STORED, GENERATED_VIRTUAL, GENERATED ->
            gen =
                Optional.of(
                    new Generated.Computed(
                        expr(required(c.expression(), "expression")),
                        switch (c.type()) {
                          case GENERATED_STORED -> Optional.of(true);
                          case GENERATED_VIRTUAL -> Optional.of(false);
                          default -> Optional.<Boolean>empty();
                        }));
        case IDENTITY -> {
          if (c.identityOptions() != null && c.identityOptions().size() > 0) {
            throw new Unsupported("identity sequence options are not judged");
          }
          gen = Optional.of(new Generated.Identity(c.identityAlways()));
        }
        default -> throw new Unsupported("column constraint " + c.type() + " is not judged");
      }
    }
    return new ColumnDef(d.columnName(), type(d.type()), def, notNull, gen, cons, collation);
  }

  private static Optional<String> action(SqlPgReferences.Action a) {
    return Optional.ofNullable(a).map(x -> x.name().replace('_', ' '));
  }

  private static Optional<String> match(SqlPgReferences r) {
    return Optional.ofNullable(r.match()).map(m -> m.name());
  }

  /**
   * Normalises {@code [NOT] DEFERRABLE [INITIALLY …]}; {@code NOT DEFERRABLE INITIALLY DEFERRED}
   * (which PostgreSQL rejects) is not understood.
   */
  static Deferral deferral(ConstraintTiming t) {
    boolean initiallyDeferred = Boolean.TRUE.equals(t.initiallyDeferred());
    if (Boolean.FALSE.equals(t.deferrable()) && initiallyDeferred) {
      throw new Unsupported("NOT DEFERRABLE INITIALLY DEFERRED");
    }
    if (initiallyDeferred) {
      return Deferral.INITIALLY_DEFERRED;
    }
    return Boolean.TRUE.equals(t.deferrable()) ? Deferral.DEFERRABLE : Deferral.NOT_DEFERRABLE;
  }

  static TableConstraint constraint(SqlPgTableConstraint t) {
    Deferral deferral = deferral(t.timing());
    if (t.noInherit()) {
      throw new Unsupported("NO INHERIT is not judged");
    }
    if (t.type() == SqlPgTableConstraint.Type.CHECK && !t.timing().isEmpty()) {
      throw new Unsupported("CHECK constraints cannot be DEFERRABLE");
    }
    boolean key =
        t.type() == SqlPgTableConstraint.Type.UNIQUE
            || t.type() == SqlPgTableConstraint.Type.PRIMARY_KEY;
    if (!key && (t.include() != null || t.nullsDistinct() != null)) {
      throw new Unsupported("INCLUDE / NULLS DISTINCT on a " + t.type() + " constraint");
    }
    Optional<String> n = Optional.ofNullable(t.name()).map(CalciteDdlAdapter::simple);
    return switch (t.type()) {
      case CHECK -> new TableConstraint.Check(n, expr(required(t.check(), "check")));
      case UNIQUE, PRIMARY_KEY -> {
        boolean primary = t.type() == SqlPgTableConstraint.Type.PRIMARY_KEY;
        if (t.usingIndex() != null) {
          if (t.include() != null || t.nullsDistinct() != null) {
            throw new Unsupported("INCLUDE / NULLS DISTINCT with USING INDEX");
          }
          yield new TableConstraint.KeyUsingIndex(n, primary, simple(t.usingIndex()), deferral);
        }
        yield new TableConstraint.Key(
            n,
            primary,
            simples(t.columns()),
            simples(t.include()),
            Optional.ofNullable(t.nullsDistinct()),
            deferral);
      }
      case FOREIGN_KEY -> {
        SqlPgReferences r = required(t.references(), "references");
        yield new TableConstraint.ForeignKey(
            n,
            simples(t.columns()),
            name(r.table()),
            simples(r.columns()),
            action(r.onDelete()),
            action(r.onUpdate()),
            match(r),
            deferral);
      }
      case EXCLUDE -> {
        if (t.excludeWhere() != null) {
          throw new Unsupported("EXCLUDE ... WHERE is not judged");
        }
        List<TableConstraint.ExcludeElement> els = new ArrayList<>();
        for (SqlNode e : required(t.excludeElements(), "elements")) {
          SqlPgIndexElement ie = (SqlPgIndexElement) e;
          els.add(
              new TableConstraint.ExcludeElement(
                  expr(ie.expression()), required(ie.withOperator(), "operator")));
        }
        yield new TableConstraint.Exclude(
            n,
            Optional.ofNullable(t.excludeMethod()).map(m -> simple(m).toLowerCase(Locale.ROOT)),
            els,
            deferral);
      }
    };
  }

  // ---------------------------------------------------------------- types and expressions

  static TypeName type(SqlDataTypeSpec spec) {
    if (!(spec.getTypeNameSpec() instanceof PgTypeNameSpec p)) {
      throw new Unsupported("type " + spec);
    }
    return type(p);
  }

  static TypeName type(PgTypeNameSpec p) {
    QualifiedName n =
        p.identifier() != null && !p.identifier().isSimple()
            ? name(p.identifier())
            : QualifiedName.of(p.canonicalName());
    List<Integer> mods = new ArrayList<>(p.modifiers());
    if (n.schema().isEmpty()
        && n.name().equals("bpchar")
        && mods.isEmpty()
        && p.keywordName() != null) {
      mods.add(1);
    }
    return new TypeName(n, mods, p.arrayDimensions());
  }

  private static List<Expr> exprs(SqlNodeList list) {
    List<Expr> out = new ArrayList<>();
    for (SqlNode n : list) {
      out.add(expr(n));
    }
    return out;
  }

  public static Expr expr(SqlNode node) {
    return switch (node) {
      case SqlIdentifier id -> identifier(id);
      case SqlCharStringLiteral s -> Expr.Literal.string(s.getValueAs(String.class));
      case SqlNumericLiteral n -> Expr.Literal.number(String.valueOf(n.toValue()));
      case SqlLiteral l when l.getTypeName() == SqlTypeName.BOOLEAN ->
          new Expr.Literal(Expr.Literal.Kind.BOOLEAN, String.valueOf(l.booleanValue()));
      case SqlLiteral l when l.getTypeName() == SqlTypeName.NULL ->
          new Expr.Literal(Expr.Literal.Kind.NULL, "null");
      case SqlCase c -> caseExpr(c);
      case SqlBasicCall c -> call(c);
      default -> throw new Unsupported("expression " + node.getKind() + " is not judged");
    };
  }

  private static String comparison(SqlKind k) {
    return switch (k) {
      case EQUALS -> "=";
      case NOT_EQUALS -> "<>";
      case LESS_THAN -> "<";
      case GREATER_THAN -> ">";
      case LESS_THAN_OR_EQUAL -> "<=";
      case GREATER_THAN_OR_EQUAL -> ">=";
      default -> throw new Unsupported("array comparison " + k + " is not judged");
    };
  }

  private static Expr caseExpr(SqlCase c) {
    if (c.getValueOperand() != null) {
      throw new Unsupported("CASE with an operand");
    }
    List<Expr.When> whens = new ArrayList<>();
    SqlNodeList when = c.getWhenOperands();
    SqlNodeList then = c.getThenOperands();
    for (int i = 0; i < when.size(); i++) {
      if (when.get(i) instanceof SqlNodeList) {
        throw new Unsupported("WHEN with several values");
      }
      whens.add(new Expr.When(expr(when.get(i)), expr(then.get(i))));
    }
    SqlNode otherwise = c.getElseOperand();
    return new Expr.Case(
        whens,
        otherwise == null ? new Expr.Literal(Expr.Literal.Kind.NULL, "null") : expr(otherwise));
  }

  private static Expr like(SqlCall c) {
    String name = c.getOperator().getName().toUpperCase(Locale.ROOT);
    boolean negated = name.startsWith("NOT ");
    String base = negated ? name.substring(4) : name;
    if (!base.equals("LIKE") && !base.equals("ILIKE")) {
      throw new Unsupported("expression " + name + " is not judged");
    }
    List<SqlNode> ops = c.getOperandList();
    return new Expr.Like(
        expr(ops.get(0)),
        base,
        expr(ops.get(1)),
        ops.size() > 2 ? Optional.of(expr(ops.get(2))) : Optional.empty(),
        negated);
  }

  private static Expr identifier(SqlIdentifier id) {
    if (id.isStar()) {
      throw new Unsupported("*");
    }
    if (id.isSimple()
        && !id.isComponentQuoted(0)
        && Expr.ValueFunction.KEYWORDS.contains(id.getSimple())) {
      return new Expr.ValueFunction(id.getSimple().toUpperCase(Locale.ROOT));
    }
    return new Expr.ColumnRef(id.names);
  }

  private static Expr call(SqlCall c) {
    SqlOperator op = c.getOperator();
    List<SqlNode> ops = c.getOperandList();
    SqlKind k = op.getKind();
    if (op instanceof SqlUnresolvedFunction f) {
      SqlIdentifier fn = f.getSqlIdentifier();
      QualifiedName qn =
          fn == null ? QualifiedName.of(f.getName().toLowerCase(Locale.ROOT)) : name(fn);
      return new Expr.FunctionCall(qn, ops.stream().map(CalciteDdlAdapter::expr).toList());
    }
    switch (k) {
      case CAST -> {
        return new Expr.Cast(expr(ops.get(0)), type((SqlDataTypeSpec) ops.get(1)));
      }
      case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> {
        return new Expr.Binary(
            k == SqlKind.IS_DISTINCT_FROM ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM",
            expr(ops.get(0)),
            expr(ops.get(1)));
      }
      case IS_NULL, IS_NOT_NULL -> {
        return new Expr.IsNull(expr(ops.get(0)), k == SqlKind.IS_NOT_NULL);
      }
      case IN, NOT_IN -> {
        return new Expr.InList(
            expr(ops.get(0)), exprs((SqlNodeList) ops.get(1)), k == SqlKind.NOT_IN);
      }
      case BETWEEN -> {
        SqlBetweenOperator b = (SqlBetweenOperator) op;
        if (b.flag == SqlBetweenOperator.Flag.SYMMETRIC) {
          throw new Unsupported("BETWEEN SYMMETRIC");
        }
        return new Expr.Between(
            expr(ops.get(0)), expr(ops.get(1)), expr(ops.get(2)), b.isNegated());
      }
      case NOT -> {
        return new Expr.Unary("NOT", expr(ops.get(0)));
      }
      case LIKE -> {
        return like(c);
      }
      case MINUS_PREFIX -> {
        Expr e = expr(ops.get(0));
        if (e instanceof Expr.Literal l && l.kind() == Expr.Literal.Kind.NUMBER) {
          return Expr.Literal.number(
              l.text().startsWith("-") ? l.text().substring(1) : "-" + l.text());
        }
        return new Expr.Unary("-", e);
      }
      case PLUS_PREFIX -> {
        return expr(ops.get(0));
      }
      case ARRAY_VALUE_CONSTRUCTOR -> {
        return new Expr.ArrayCtor(ops.stream().map(CalciteDdlAdapter::expr).toList());
      }
      case PLUS,
          MINUS,
          TIMES,
          DIVIDE,
          MOD,
          EQUALS,
          NOT_EQUALS,
          LESS_THAN,
          GREATER_THAN,
          LESS_THAN_OR_EQUAL,
          GREATER_THAN_OR_EQUAL,
          AND,
          OR -> {
        String sym =
            switch (k) {
              case NOT_EQUALS -> "<>";
              default -> op.getName().toUpperCase(Locale.ROOT);
            };
        return binaryChain(sym, ops);
      }
      default -> {}
    }
    if (op instanceof PgOperator && ops.size() == 2) {
      return new Expr.Binary(op.getName(), expr(ops.get(0)), expr(ops.get(1)));
    }
    if (op instanceof SqlQuantifyOperator q
        && ops.size() == 2
        && ops.get(1) instanceof SqlNodeList l) {
      return new Expr.ArrayComparison(
          comparison(q.comparisonKind), k == SqlKind.ALL, expr(ops.get(0)), expr(l.get(0)));
    }
    if ("||".equals(op.getName()) && ops.size() == 2) {
      return new Expr.Binary("||", expr(ops.get(0)), expr(ops.get(1)));
    }
    if (op instanceof SqlFunction f
        && ops.isEmpty()
        && Expr.ValueFunction.KEYWORDS.contains(f.getName().toLowerCase(Locale.ROOT))) {
      return new Expr.ValueFunction(f.getName().toUpperCase(Locale.ROOT));
    }
    throw new Unsupported("expression " + op.getName() + " is not judged");
  }

  /** Calcite may flatten AND/OR into n-ary calls; fold them left to right. */
  private static Expr binaryChain(String sym, List<SqlNode> ops) {
    Expr acc = expr(ops.get(0));
    for (int i = 1; i < ops.size(); i++) {
      acc = new Expr.Binary(sym, acc, expr(ops.get(i)));
    }
    return acc;
  }
}

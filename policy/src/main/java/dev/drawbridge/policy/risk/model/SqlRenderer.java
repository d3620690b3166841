package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.ddl.node.PgNames;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.risk.model.AlterAction.PartitionBound;
import dev.drawbridge.policy.risk.model.ColumnDef.Generated;
import dev.drawbridge.policy.risk.model.ColumnDef.InlineConstraint;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders statement and expression trees as canonical PostgreSQL text: keywords upper case,
 * identifiers quoted only when needed, strings re-escaped, every nested operator parenthesised. The
 * same tree always renders to the same text, which is what fingerprints hash.
 */
public final class SqlRenderer {

  private SqlRenderer() {}

  /**
   * Quotes an identifier when PostgreSQL would not read it back unchanged unquoted (upper case,
   * unusual characters, reserved and type/function-name keywords), with the DDL parser's keyword
   * tables.
   */
  public static String ident(String name) {
    return PgNames.quoteIfNeeded(name);
  }

  public static String name(QualifiedName q) {
    return q.schema().map(s -> ident(s) + ".").orElse("") + ident(q.name());
  }

  public static String string(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String idents(List<String> names) {
    return names.stream().map(SqlRenderer::ident).collect(Collectors.joining(", "));
  }

  private static <T> String join(List<T> items, Function<T, String> f) {
    return items.stream().map(f).collect(Collectors.joining(", "));
  }

  public static String type(TypeName t) {
    StringBuilder sb = new StringBuilder();
    String base = t.baseName();
    boolean builtin = t.name().schema().isEmpty();
    if (builtin && base.equals("bpchar") && !t.modifiers().isEmpty()) {
      sb.append("char");
    } else if (builtin && (base.equals("double precision") || base.equals("bpchar"))) {
      sb.append(base);
    } else if (builtin && t.isBuiltin()) {
      sb.append(base);
    } else {
      sb.append(name(t.name()));
    }
    if (!t.modifiers().isEmpty()) {
      sb.append('(').append(join(t.modifiers(), String::valueOf)).append(')');
    }
    sb.append("[]".repeat(t.arrayDims()));
    return sb.toString();
  }

  public static String expr(Expr e) {
    return switch (e) {
      case Expr.Literal l ->
          switch (l.kind()) {
            case STRING -> string(l.text());
            case NUMBER -> l.text();
            case BOOLEAN -> l.text().toUpperCase(java.util.Locale.ROOT);
            case NULL -> "NULL";
          };
      case Expr.ColumnRef c ->
          c.parts().stream().map(SqlRenderer::ident).collect(Collectors.joining("."));
      case Expr.FunctionCall f -> name(f.name()) + "(" + join(f.args(), SqlRenderer::expr) + ")";
      case Expr.ValueFunction v -> v.keyword();
      case Expr.Cast c -> operand(c.operand()) + "::" + type(c.type());
      case Expr.Binary b -> operand(b.left()) + " " + b.operator() + " " + operand(b.right());
      case Expr.ArrayComparison a ->
          operand(a.operand())
              + " "
              + a.comparison()
              + (a.all() ? " ALL (" : " ANY (")
              + expr(a.array())
              + ")";
      case Expr.Unary u ->
          u.operator().equals("NOT")
              ? "NOT " + operand(u.operand())
              : u.operator() + operand(u.operand());
      case Expr.IsNull n -> operand(n.operand()) + (n.negated() ? " IS NOT NULL" : " IS NULL");
      case Expr.InList i ->
          operand(i.operand())
              + (i.negated() ? " NOT IN (" : " IN (")
              + join(i.items(), SqlRenderer::expr)
              + ")";
      case Expr.ArrayCtor a -> "ARRAY[" + join(a.items(), SqlRenderer::expr) + "]";
      case Expr.Between b ->
          operand(b.operand())
              + (b.negated() ? " NOT BETWEEN " : " BETWEEN ")
              + operand(b.low())
              + " AND "
              + operand(b.high());
      case Expr.Case c ->
          "CASE"
              + c.whens().stream()
                  .map(w -> " WHEN " + expr(w.condition()) + " THEN " + expr(w.result()))
                  .collect(Collectors.joining())
              + " ELSE "
              + expr(c.otherwise())
              + " END";
      case Expr.Like l ->
          operand(l.operand())
              + (l.negated() ? " NOT " : " ")
              + l.operator()
              + " "
              + operand(l.pattern())
              + l.escape().map(x -> " ESCAPE " + operand(x)).orElse("");
    };
  }

  private static String operand(Expr e) {
    boolean atomic =
        switch (e) {
          case Expr.Literal l ->
              !(l.kind() == Expr.Literal.Kind.NUMBER && l.text().startsWith("-"));
          case Expr.ColumnRef c -> true;
          case Expr.FunctionCall f -> true;
          case Expr.ValueFunction v -> true;
          case Expr.ArrayCtor a -> true;
          case Expr.Cast c -> true;
          case Expr.Case c -> true;
          default -> false;
        };
    return atomic ? expr(e) : "(" + expr(e) + ")";
  }

  public static String column(ColumnDef c) {
    StringBuilder sb = new StringBuilder(ident(c.name())).append(' ').append(type(c.type()));
    c.collation().ifPresent(x -> sb.append(" COLLATE ").append(name(x)));
    c.generated()
        .ifPresent(
            g -> {
              switch (g) {
                case Generated.Identity i ->
                    sb.append(
                        i.always()
                            ? " GENERATED ALWAYS AS IDENTITY"
                            : " GENERATED BY DEFAULT AS IDENTITY");
                case Generated.Computed cp -> {
                  sb.append(" GENERATED ALWAYS AS (").append(expr(cp.expression())).append(')');
                  cp.stored().ifPresent(s -> sb.append(s ? " STORED" : " VIRTUAL"));
                }
              }
            });
    c.defaultValue().ifPresent(d -> sb.append(" DEFAULT ").append(operandForDefault(d)));
    if (c.notNull()) {
      sb.append(" NOT NULL");
    }
    for (InlineConstraint ic : c.constraints()) {
      ic.name().ifPresent(n -> sb.append(" CONSTRAINT ").append(ident(n)));
      switch (ic) {
        case InlineConstraint.Check ch ->
            sb.append(" CHECK (").append(expr(ch.expression())).append(')');
        case InlineConstraint.Unique u ->
            sb.append(" UNIQUE")
                .append(nullsDistinct(u.nullsDistinct()))
                .append(u.deferral().sql());
        case InlineConstraint.PrimaryKey p -> sb.append(" PRIMARY KEY").append(p.deferral().sql());
        case InlineConstraint.References r -> {
          sb.append(" REFERENCES ").append(name(r.table()));
          if (!r.columns().isEmpty()) {
            sb.append(" (").append(idents(r.columns())).append(')');
          }
          sb.append(referentialActions(r.match(), r.onDelete(), r.onUpdate()));
          sb.append(r.deferral().sql());
        }
      }
    }
    return sb.toString();
  }

  private static String nullsDistinct(java.util.Optional<Boolean> d) {
    return d.map(x -> x ? " NULLS DISTINCT" : " NULLS NOT DISTINCT").orElse("");
  }

  private static String referentialActions(
      java.util.Optional<String> match,
      java.util.Optional<String> onDelete,
      java.util.Optional<String> onUpdate) {
    return match.map(m -> " MATCH " + m).orElse("")
        + onDelete.map(a -> " ON DELETE " + a).orElse("")
        + onUpdate.map(a -> " ON UPDATE " + a).orElse("");
  }

  private static String storage(List<String> params, java.util.Optional<String> tablespace) {
    return (params.isEmpty() ? "" : " WITH (" + String.join(", ", params) + ")")
        + tablespace.map(t -> " TABLESPACE " + ident(t)).orElse("");
  }

  /** DEFAULT takes a b_expr: anything beyond a simple operand goes in parentheses. */
  private static String operandForDefault(Expr d) {
    return operand(d);
  }

  public static String constraint(TableConstraint c) {
    String prefix = c.name().map(n -> "CONSTRAINT " + ident(n) + " ").orElse("");
    String body =
        switch (c) {
          case TableConstraint.Check ch -> "CHECK (" + expr(ch.expression()) + ")";
          case TableConstraint.ForeignKey fk ->
              "FOREIGN KEY ("
                  + idents(fk.columns())
                  + ") REFERENCES "
                  + name(fk.refTable())
                  + (fk.refColumns().isEmpty() ? "" : " (" + idents(fk.refColumns()) + ")")
                  + referentialActions(fk.match(), fk.onDelete(), fk.onUpdate())
                  + fk.deferral().sql();
          case TableConstraint.Key k ->
              (k.primary() ? "PRIMARY KEY " : "UNIQUE" + nullsDistinct(k.nullsDistinct()) + " ")
                  + "("
                  + idents(k.columns())
                  + ")"
                  + (k.include().isEmpty() ? "" : " INCLUDE (" + idents(k.include()) + ")")
                  + k.deferral().sql();
          case TableConstraint.KeyUsingIndex k ->
              (k.primary() ? "PRIMARY KEY USING INDEX " : "UNIQUE USING INDEX ")
                  + ident(k.index())
                  + k.deferral().sql();
          case TableConstraint.Exclude x ->
              "EXCLUDE "
                  + x.method().map(m -> "USING " + ident(m) + " ").orElse("")
                  + "("
                  + join(x.elements(), el -> expr(el.expression()) + " WITH " + el.operator())
                  + ")"
                  + x.deferral().sql();
        };
    return prefix + body;
  }

  public static String action(AlterAction a) {
    return switch (a) {
      case AlterAction.AddColumn ac ->
          "ADD COLUMN " + (ac.ifNotExists() ? "IF NOT EXISTS " : "") + column(ac.column());
      case AlterAction.DropColumn dc ->
          "DROP COLUMN "
              + (dc.ifExists() ? "IF EXISTS " : "")
              + ident(dc.column())
              + (dc.cascade() ? " CASCADE" : "");
      case AlterAction.AlterColumnType t ->
          "ALTER COLUMN "
              + ident(t.column())
              + " TYPE "
              + type(t.type())
              + t.using().map(u -> " USING " + expr(u)).orElse("");
      case AlterAction.SetNotNull s -> "ALTER COLUMN " + ident(s.column()) + " SET NOT NULL";
      case AlterAction.DropNotNull s -> "ALTER COLUMN " + ident(s.column()) + " DROP NOT NULL";
      case AlterAction.SetDefault s ->
          "ALTER COLUMN " + ident(s.column()) + " SET DEFAULT " + operandForDefault(s.value());
      case AlterAction.DropDefault s -> "ALTER COLUMN " + ident(s.column()) + " DROP DEFAULT";
      case AlterAction.SetStatistics s ->
          "ALTER COLUMN " + ident(s.column()) + " SET STATISTICS " + s.target();
      case AlterAction.SetStorage s ->
          "ALTER COLUMN " + ident(s.column()) + " SET STORAGE " + s.storage().toUpperCase();
      case AlterAction.DropIdentity s -> "ALTER COLUMN " + ident(s.column()) + " DROP IDENTITY";
      case AlterAction.DropExpression s ->
          "ALTER COLUMN "
              + ident(s.column())
              + " DROP EXPRESSION"
              + (s.ifExists() ? " IF EXISTS" : "");
      case AlterAction.SetSchema s -> "SET SCHEMA " + ident(s.schema());
      case AlterAction.TriggerState s ->
          (s.enable() ? "ENABLE " + s.mode().map(m -> m + " ").orElse("") : "DISABLE ")
              + "TRIGGER "
              + s.trigger().map(SqlRenderer::ident).orElseGet(() -> s.scope().orElseThrow());
      case AlterAction.AddIdentity s ->
          "ALTER COLUMN "
              + ident(s.column())
              + (s.always()
                  ? " ADD GENERATED ALWAYS AS IDENTITY"
                  : " ADD GENERATED BY DEFAULT AS IDENTITY");
      case AlterAction.AddConstraint c ->
          "ADD " + constraint(c.constraint()) + (c.notValid() ? " NOT VALID" : "");
      case AlterAction.ValidateConstraint v -> "VALIDATE CONSTRAINT " + ident(v.name());
      case AlterAction.DropConstraint d ->
          "DROP CONSTRAINT "
              + (d.ifExists() ? "IF EXISTS " : "")
              + ident(d.name())
              + (d.cascade() ? " CASCADE" : "");
      case AlterAction.RenameColumn r ->
          "RENAME COLUMN " + ident(r.from()) + " TO " + ident(r.to());
      case AlterAction.RenameConstraint r ->
          "RENAME CONSTRAINT " + ident(r.from()) + " TO " + ident(r.to());
      case AlterAction.RenameTable r -> "RENAME TO " + ident(r.to());
      case AlterAction.SetLogged l -> l.logged() ? "SET LOGGED" : "SET UNLOGGED";
      case AlterAction.SetTablespace t -> "SET TABLESPACE " + ident(t.tablespace());
      case AlterAction.SetOptions o ->
          (o.reset() ? "RESET (" : "SET (") + String.join(", ", o.options()) + ")";
      case AlterAction.AttachPartition p ->
          "ATTACH PARTITION " + name(p.partition()) + " " + bound(p.bound());
      case AlterAction.DetachPartition d ->
          "DETACH PARTITION "
              + name(d.partition())
              + (d.concurrently() ? " CONCURRENTLY" : "")
              + (d.finalizeDetach() ? " FINALIZE" : "");
    };
  }

  public static String bound(PartitionBound b) {
    return switch (b) {
      case PartitionBound.Default d -> "DEFAULT";
      case PartitionBound.In in -> "FOR VALUES IN (" + join(in.values(), SqlRenderer::expr) + ")";
      case PartitionBound.Range r ->
          "FOR VALUES FROM ("
              + join(r.from(), SqlRenderer::expr)
              + ") TO ("
              + join(r.to(), SqlRenderer::expr)
              + ")";
      case PartitionBound.Hash h ->
          "FOR VALUES WITH (MODULUS " + h.modulus() + ", REMAINDER " + h.remainder() + ")";
    };
  }

  /** Renders one statement without a trailing semicolon. */
  public static String statement(DdlStatement s) {
    return switch (s) {
      case DdlStatement.AlterTable a ->
          "ALTER TABLE "
              + (a.ifExists() ? "IF EXISTS " : "")
              + (a.only() ? "ONLY " : "")
              + name(a.table())
              + " "
              + join(a.actions(), SqlRenderer::action);
      case DdlStatement.CreateIndex c ->
          "CREATE "
              + (c.unique() ? "UNIQUE " : "")
              + "INDEX "
              + (c.concurrently() ? "CONCURRENTLY " : "")
              + (c.ifNotExists() ? "IF NOT EXISTS " : "")
              + c.name().map(n -> ident(n) + " ").orElse("")
              + "ON "
              + (c.only() ? "ONLY " : "")
              + name(c.table())
              + c.method().map(m -> " USING " + ident(m)).orElse("")
              + " ("
              + join(c.elements(), SqlRenderer::indexElement)
              + ")"
              + (c.include().isEmpty() ? "" : " INCLUDE (" + idents(c.include()) + ")")
              + nullsDistinct(c.nullsDistinct())
              + storage(c.storageParameters(), c.tablespace())
              + c.where().map(w -> " WHERE " + expr(w)).orElse("");
      case DdlStatement.DropIndex d ->
          "DROP INDEX "
              + (d.concurrently() ? "CONCURRENTLY " : "")
              + (d.ifExists() ? "IF EXISTS " : "")
              + join(d.names(), SqlRenderer::name)
              + (d.cascade() ? " CASCADE" : "");
      case DdlStatement.Reindex r ->
          "REINDEX "
              + r.target().name()
              + (r.concurrently() ? " CONCURRENTLY" : "")
              + r.name()
                  .map(
                      n ->
                          " "
                              + (r.target() == DdlStatement.Reindex.Target.INDEX
                                      || r.target() == DdlStatement.Reindex.Target.TABLE
                                  ? name(n)
                                  : ident(n.name())))
                  .orElse("");
      case DdlStatement.RenameIndex r ->
          "ALTER INDEX " + name(r.index()) + " RENAME TO " + ident(r.to());
      case DdlStatement.AttachIndex a ->
          "ALTER INDEX " + name(a.parentIndex()) + " ATTACH PARTITION " + name(a.childIndex());
      case DdlStatement.DropTable d ->
          "DROP TABLE "
              + (d.ifExists() ? "IF EXISTS " : "")
              + join(d.names(), SqlRenderer::name)
              + (d.cascade() ? " CASCADE" : "");
      case DdlStatement.Truncate t ->
          "TRUNCATE TABLE " + join(t.names(), SqlRenderer::name) + (t.cascade() ? " CASCADE" : "");
      case DdlStatement.VacuumFull v ->
          "VACUUM FULL" + v.table().map(t -> " " + name(t)).orElse("");
      case DdlStatement.Vacuum v ->
          "VACUUM"
              + (v.options().isEmpty() ? "" : " (" + String.join(", ", v.options()) + ")")
              + v.table().map(t -> " " + name(t)).orElse("");
      case DdlStatement.Cluster c ->
          "CLUSTER"
              + c.table().map(t -> " " + name(t)).orElse("")
              + c.index().map(i -> " USING " + ident(i)).orElse("");
      case DdlStatement.AddEnumValue e ->
          "ALTER TYPE "
              + name(e.type())
              + " ADD VALUE "
              + (e.ifNotExists() ? "IF NOT EXISTS " : "")
              + string(e.value())
              + e.neighbour()
                  .map(n -> (e.before() ? " BEFORE " : " AFTER ") + string(n))
                  .orElse("");
      case DdlStatement.RenameEnumValue e ->
          "ALTER TYPE "
              + name(e.type())
              + " RENAME VALUE "
              + string(e.from())
              + " TO "
              + string(e.to());
      case DdlStatement.RenameSchema r ->
          "ALTER SCHEMA " + ident(r.from()) + " RENAME TO " + ident(r.to());
      case DdlStatement.CreateTable c -> createTable(c);
      case DdlStatement.CreateSequence c ->
          "CREATE SEQUENCE " + (c.ifNotExists() ? "IF NOT EXISTS " : "") + name(c.name());
      case DdlStatement.DropSequence d ->
          "DROP SEQUENCE " + (d.ifExists() ? "IF EXISTS " : "") + name(d.name());
      case DdlStatement.SetSequenceToMax m ->
          "SELECT setval(pg_get_serial_sequence("
              + expr(Expr.Literal.string(name(m.table())))
              + ", "
              + expr(Expr.Literal.string(m.column()))
              + "), max("
              + ident(m.column())
              + ")) FROM "
              + name(m.table());
      case DdlStatement.AlterSequenceOwnedBy o ->
          "ALTER SEQUENCE "
              + name(o.sequence())
              + " OWNED BY "
              + name(o.table())
              + "."
              + ident(o.column());
      case DdlStatement.CreateViewSelectAll v ->
          "CREATE VIEW " + name(v.view()) + " AS SELECT * FROM " + name(v.table());
      case DdlStatement.DropView v ->
          "DROP VIEW " + (v.ifExists() ? "IF EXISTS " : "") + name(v.view());
      case DdlStatement.Comment c ->
          "COMMENT ON "
              + c.kind()
              + " "
              + switch (c.kind()) {
                case "SCHEMA" -> ident(c.object().name());
                case "COLUMN" -> name(c.object()) + "." + ident(c.member().orElseThrow());
                case "CONSTRAINT" -> ident(c.member().orElseThrow()) + " ON " + name(c.object());
                default -> name(c.object());
              }
              + " IS "
              + c.text().map(SqlRenderer::string).orElse("NULL");
      case DdlStatement.CreateTrigger t ->
          (t.orReplace() ? "CREATE OR REPLACE " : "CREATE ")
              + (t.constraint() ? "CONSTRAINT TRIGGER " : "TRIGGER ")
              + ident(t.name())
              + " "
              + t.timing()
              + " "
              + t.events().stream()
                  .map(
                      e ->
                          e.equals("UPDATE") && !t.updateColumns().isEmpty()
                              ? "UPDATE OF " + idents(t.updateColumns())
                              : e)
                  .collect(Collectors.joining(" OR "))
              + " ON "
              + name(t.table())
              + t.from().map(f -> " FROM " + name(f)).orElse("")
              + (t.deferral().isEmpty() ? "" : " " + t.deferral())
              + (t.referencing().isEmpty()
                  ? ""
                  : " REFERENCING " + String.join(" ", t.referencing()))
              + (t.forEachRow() ? " FOR EACH ROW" : " FOR EACH STATEMENT")
              + t.when().map(w -> " WHEN (" + expr(w) + ")").orElse("")
              + (t.procedure() ? " EXECUTE PROCEDURE " : " EXECUTE FUNCTION ")
              + name(t.function())
              + "("
              + join(t.arguments(), SqlRenderer::expr)
              + ")";
      case DdlStatement.Opaque o -> o.keyword() + " …";
    };
  }

  private static String createTable(DdlStatement.CreateTable c) {
    String elements =
        String.join(
            ", ",
            java.util.stream.Stream.concat(
                    c.columns().stream().map(SqlRenderer::column),
                    c.constraints().stream().map(SqlRenderer::constraint))
                .toList());
    StringBuilder sb = new StringBuilder("CREATE ");
    switch (c.persistence()) {
      case TEMPORARY -> sb.append("TEMPORARY ");
      case UNLOGGED -> sb.append("UNLOGGED ");
      case PERMANENT -> {}
    }
    sb.append("TABLE ").append(c.ifNotExists() ? "IF NOT EXISTS " : "").append(name(c.table()));
    if (c.partitionOf().isPresent()) {
      sb.append(" PARTITION OF ").append(name(c.partitionOf().get().parent()));
      if (!elements.isEmpty()) {
        sb.append(" (").append(elements).append(')');
      }
      sb.append(' ').append(bound(c.partitionOf().get().bound()));
    } else {
      sb.append(" (").append(elements).append(')');
      if (!c.inherits().isEmpty()) {
        sb.append(" INHERITS (").append(join(c.inherits(), SqlRenderer::name)).append(')');
      }
    }
    c.partitionBy()
        .ifPresent(
            p ->
                sb.append(" PARTITION BY ")
                    .append(p.strategy().toUpperCase(java.util.Locale.ROOT))
                    .append(" (")
                    .append(join(p.keys(), SqlRenderer::indexElement))
                    .append(')'));
    sb.append(storage(c.storageParameters(), c.tablespace()));
    return sb.toString();
  }

  private static String indexElement(DdlStatement.IndexElement e) {
    String key =
        e.expression() instanceof Expr.ColumnRef c && c.parts().size() == 1
            ? expr(c)
            : e.expression() instanceof Expr.FunctionCall f
                ? expr(f)
                : "(" + expr(e.expression()) + ")";
    return key + e.opclass().map(o -> " " + ident(o)).orElse("") + (e.descending() ? " DESC" : "");
  }
}

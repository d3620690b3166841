package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.risk.model.AlterAction.PartitionBound;
import dev.drawbridge.policy.risk.model.ColumnDef.Generated;
import dev.drawbridge.policy.risk.model.ColumnDef.InlineConstraint;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders statement and expression trees as canonical PostgreSQL text: keywords upper case,
 * identifiers quoted only when needed, strings re-escaped, every nested operator parenthesised. The
 * same tree always renders to the same text, which is what fingerprints hash.
 */
public final class SqlRenderer {

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "system_user",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with",
          "authorization",
          "binary",
          "collation",
          "concurrently",
          "cross",
          "current_schema",
          "freeze",
          "full",
          "ilike",
          "inner",
          "is",
          "isnull",
          "join",
          "left",
          "like",
          "natural",
          "notnull",
          "outer",
          "overlaps",
          "right",
          "similar",
          "tablesample",
          "verbose",
          "between",
          "bigint",
          "bit",
          "boolean",
          "char",
          "character",
          "coalesce",
          "dec",
          "decimal",
          "exists",
          "extract",
          "float",
          "greatest",
          "grouping",
          "inout",
          "int",
          "integer",
          "interval",
          "least",
          "national",
          "nchar",
          "none",
          "nullif",
          "numeric",
          "out",
          "overlay",
          "position",
          "precision",
          "real",
          "row",
          "setof",
          "smallint",
          "substring",
          "time",
          "timestamp",
          "treat",
          "trim",
          "values",
          "varchar",
          "xmlattributes");

  private SqlRenderer() {}

  /** Quotes an identifier when PostgreSQL would not read it back unchanged unquoted. */
  public static String ident(String name) {
    if (PLAIN.matcher(name).matches() && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
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
          default -> false;
        };
    return atomic ? expr(e) : "(" + expr(e) + ")";
  }

  public static String column(ColumnDef c) {
    StringBuilder sb = new StringBuilder(ident(c.name())).append(' ').append(type(c.type()));
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
        case InlineConstraint.Unique u -> sb.append(" UNIQUE");
        case InlineConstraint.PrimaryKey p -> sb.append(" PRIMARY KEY");
        case InlineConstraint.References r -> {
          sb.append(" REFERENCES ").append(name(r.table()));
          if (!r.columns().isEmpty()) {
            sb.append(" (").append(idents(r.columns())).append(')');
          }
          r.onDelete().ifPresent(a -> sb.append(" ON DELETE ").append(a));
        }
      }
    }
    return sb.toString();
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
                  + fk.onDelete().map(a -> " ON DELETE " + a).orElse("");
          case TableConstraint.Key k ->
              (k.primary() ? "PRIMARY KEY (" : "UNIQUE (") + idents(k.columns()) + ")";
          case TableConstraint.KeyUsingIndex k ->
              (k.primary() ? "PRIMARY KEY USING INDEX " : "UNIQUE USING INDEX ") + ident(k.index());
          case TableConstraint.Exclude x ->
              "EXCLUDE "
                  + x.method().map(m -> "USING " + ident(m) + " ").orElse("")
                  + "("
                  + join(x.elements(), el -> expr(el.expression()) + " WITH " + el.operator())
                  + ")";
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
              + c.where().map(w -> " WHERE " + expr(w)).orElse("");
      case DdlStatement.DropIndex d ->
          "DROP INDEX "
              + (d.concurrently() ? "CONCURRENTLY " : "")
              + (d.ifExists() ? "IF EXISTS " : "")
              + join(d.names(), SqlRenderer::name)
              + (d.cascade() ? " CASCADE" : "");
      case DdlStatement.Reindex r ->
          "REINDEX "
              + (r.table() ? "TABLE " : "INDEX ")
              + (r.concurrently() ? "CONCURRENTLY " : "")
              + name(r.name());
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
      case DdlStatement.CreateTable c ->
          "CREATE TABLE "
              + (c.ifNotExists() ? "IF NOT EXISTS " : "")
              + name(c.table())
              + " ("
              + String.join(
                  ", ",
                  java.util.stream.Stream.concat(
                          c.columns().stream().map(SqlRenderer::column),
                          c.constraints().stream().map(SqlRenderer::constraint))
                      .toList())
              + ")";
      case DdlStatement.CreateSequence c ->
          "CREATE SEQUENCE " + (c.ifNotExists() ? "IF NOT EXISTS " : "") + name(c.name());
      case DdlStatement.DropSequence d ->
          "DROP SEQUENCE " + (d.ifExists() ? "IF EXISTS " : "") + name(d.name());
      case DdlStatement.CreateViewSelectAll v ->
          "CREATE VIEW " + name(v.view()) + " AS SELECT * FROM " + name(v.table());
      case DdlStatement.DropView v ->
          "DROP VIEW " + (v.ifExists() ? "IF EXISTS " : "") + name(v.view());
      case DdlStatement.Opaque o -> o.keyword() + " …";
    };
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

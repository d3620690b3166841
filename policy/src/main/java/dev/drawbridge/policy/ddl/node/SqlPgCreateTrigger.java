package dev.drawbridge.policy.ddl.node;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name {BEFORE | AFTER | INSTEAD OF} event [OR
 * event …] ON table [FROM table] [deferral] [REFERENCING {OLD | NEW} TABLE AS name …] [FOR [EACH]
 * {ROW | STATEMENT}] [WHEN (condition)] EXECUTE {FUNCTION | PROCEDURE} fn(args)}; an event is
 * {@code INSERT}, {@code UPDATE [OF col, …]}, {@code DELETE} or {@code TRUNCATE}. {@code FROM} and
 * the deferral belong to constraint triggers (AFTER … FOR EACH ROW), {@code REFERENCING} to the
 * others.
 */
public final class SqlPgCreateTrigger extends PgCall {
  static final SqlOperator OPERATOR = operator("CREATE TRIGGER", SqlKind.OTHER_DDL);

  private final boolean orReplace;
  private final boolean constraint;
  private final SqlIdentifier name;
  private final String timing;
  private final List<String> events;
  private final @Nullable SqlNodeList updateColumns;
  private final SqlIdentifier table;
  private final @Nullable SqlIdentifier from;
  private final ConstraintTiming deferral;
  private final List<String> referencing;
  private final boolean forEachRow;
  private final @Nullable SqlNode when;
  private final boolean procedure;
  private final SqlIdentifier function;
  private final SqlNodeList arguments;

  /**
   * @param timing {@code BEFORE}, {@code AFTER} or {@code INSTEAD OF}
   * @param events upper case, in source order
   * @param updateColumns the columns of {@code UPDATE OF}, or null
   * @param arguments the function's arguments (literals)
   * @param referencing transition tables, each {@code OLD TABLE AS name} or {@code NEW TABLE AS
   *     name} (name quoted when needed)
   * @param procedure {@code EXECUTE PROCEDURE} rather than {@code EXECUTE FUNCTION}
   */
  public SqlPgCreateTrigger(
      boolean orReplace,
      boolean constraint,
      SqlIdentifier name,
      String timing,
      List<String> events,
      @Nullable SqlNodeList updateColumns,
      SqlIdentifier table,
      @Nullable SqlIdentifier from,
      ConstraintTiming deferral,
      List<String> referencing,
      boolean forEachRow,
      @Nullable SqlNode when,
      boolean procedure,
      SqlIdentifier function,
      SqlNodeList arguments,
      SqlParserPos pos) {
    super(pos);
    this.orReplace = orReplace;
    this.constraint = constraint;
    this.name = name;
    this.timing = timing;
    this.events = List.copyOf(events);
    this.updateColumns = updateColumns;
    this.table = table;
    this.from = from;
    this.deferral = deferral;
    this.referencing = List.copyOf(referencing);
    this.forEachRow = forEachRow;
    this.when = when;
    this.procedure = procedure;
    this.function = function;
    this.arguments = arguments;
  }

  public boolean orReplace() {
    return orReplace;
  }

  /** {@code CREATE CONSTRAINT TRIGGER}. */
  public boolean constraint() {
    return constraint;
  }

  /** The referenced table of a constraint trigger ({@code FROM}), or null. */
  public @Nullable SqlIdentifier from() {
    return from;
  }

  public ConstraintTiming deferral() {
    return deferral;
  }

  public List<String> referencing() {
    return referencing;
  }

  public SqlIdentifier name() {
    return name;
  }

  public String timing() {
    return timing;
  }

  public List<String> events() {
    return events;
  }

  public @Nullable SqlNodeList updateColumns() {
    return updateColumns;
  }

  public SqlIdentifier table() {
    return table;
  }

  public boolean forEachRow() {
    return forEachRow;
  }

  public @Nullable SqlNode when() {
    return when;
  }

  /** {@code EXECUTE PROCEDURE} (the only spelling before PostgreSQL 11) instead of FUNCTION. */
  public boolean procedure() {
    return procedure;
  }

  public SqlIdentifier function() {
    return function;
  }

  public SqlNodeList arguments() {
    return arguments;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  protected List<@Nullable SqlNode> children() {
    return nodes(name, updateColumns, table, from, when, function, arguments);
  }

  @Override
  protected List<Object> attributes() {
    return attrs(
        orReplace, constraint, timing, events, deferral, referencing, forEachRow, procedure);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(orReplace ? "CREATE OR REPLACE" : "CREATE");
    writer.keyword(constraint ? "CONSTRAINT TRIGGER" : "TRIGGER");
    name.unparse(writer, 0, 0);
    writer.keyword(timing);
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        writer.keyword("OR");
      }
      writer.keyword(events.get(i));
      if (events.get(i).equals("UPDATE") && updateColumns != null) {
        writer.keyword("OF");
        unparseCommaList(writer, updateColumns);
      }
    }
    writer.keyword("ON");
    table.unparse(writer, 0, 0);
    if (from != null) {
      writer.keyword("FROM");
      from.unparse(writer, 0, 0);
    }
    deferral.unparse(writer);
    if (!referencing.isEmpty()) {
      writer.keyword("REFERENCING");
      for (String r : referencing) {
        writer.print(r);
        writer.setNeedWhitespace(true);
      }
    }
    writer.keyword(forEachRow ? "FOR EACH ROW" : "FOR EACH STATEMENT");
    if (when != null) {
      writer.keyword("WHEN");
      unparseParenExpr(writer, when);
    }
    writer.keyword(procedure ? "EXECUTE PROCEDURE" : "EXECUTE FUNCTION");
    function.unparse(writer, 0, 0);
    unparseParenList(writer, arguments);
  }
}

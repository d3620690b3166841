package dev.drawbridge.policy.ddl.node;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * PostgreSQL's keyword categories, for quoting names in unparsed text and for refusing unquoted
 * names PostgreSQL would not accept where a column, table or other object name is expected.
 */
public final class PgNames {
  private PgNames() {}

  /** PostgreSQL reserved keywords (PostgreSQL 17, "reserved" in the keyword appendix). */
  static final Set<String> RESERVED =
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
          "with");

  /** Keywords that may name types and functions but not columns or tables. */
  static final Set<String> TYPE_FUNC_NAME =
      Set.of(
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
          "verbose");

  /** Keywords that may name columns but not functions (PostgreSQL 17 col_name_keyword). */
  static final Set<String> COL_NAME =
      Set.of(
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
          "json",
          "json_array",
          "json_arrayagg",
          "json_exists",
          "json_object",
          "json_objectagg",
          "json_query",
          "json_scalar",
          "json_serialize",
          "json_table",
          "json_value",
          "least",
          "merge_action",
          "national",
          "nchar",
          "none",
          "normalize",
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
          "xmlattributes",
          "xmlconcat",
          "xmlelement",
          "xmlexists",
          "xmlforest",
          "xmlnamespaces",
          "xmlparse",
          "xmlpi",
          "xmlroot",
          "xmlserialize",
          "xmltable");

  /** True if {@code word}, unquoted and unqualified, cannot name a function in PostgreSQL. */
  public static boolean isNotFunctionName(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (FUNCTION_CALL_KEYWORDS.contains(w)) {
      return false;
    }
    return RESERVED.contains(w) || COL_NAME.contains(w);
  }

  /** Keyword functions PostgreSQL calls with ordinary argument lists. */
  private static final Set<String> FUNCTION_CALL_KEYWORDS =
      Set.of("coalesce", "greatest", "least", "nullif");

  /** The name as PostgreSQL must read it: bare when that folds to the same name, else quoted. */
  public static String quoteIfNeeded(String name) {
    if (name.matches("[a-z_][a-z0-9_$]*")
        && !RESERVED.contains(name)
        && !TYPE_FUNC_NAME.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** True if {@code word}, unquoted, cannot be a column or table name in PostgreSQL. */
  public static boolean isNotColId(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return RESERVED.contains(w) || TYPE_FUNC_NAME.contains(w);
  }

  /** True if {@code word}, unquoted, is a PostgreSQL reserved keyword. */
  public static boolean isReserved(String word) {
    return RESERVED.contains(word.toLowerCase(Locale.ROOT));
  }

  /**
   * Refuses an identifier with an unquoted component that PostgreSQL reads as a keyword in a name
   * position (PostgreSQL reports a syntax error there).
   */
  public static SqlIdentifier checkColId(SqlIdentifier id) {
    for (int i = 0; i < id.names.size(); i++) {
      if (!id.getComponentParserPosition(i).isQuoted() && isNotColId(id.names.get(i))) {
        throw new PgSyntaxException(
            "'" + id.names.get(i) + "' is a keyword in PostgreSQL; quote it to use it as a name",
            id.getComponentParserPosition(i));
      }
    }
    return id;
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Option lists PostgreSQL validates during parse analysis with syntax-error SQLSTATEs (conflicting
 * or redundant options, unknown VACUUM options, non-Boolean values): the parser refuses what
 * PostgreSQL would reject, and anything it does not know.
 */
public final class PgOptionChecks {
  private PgOptionChecks() {}

  /** Value kinds of utility options. */
  private enum Kind {
    BOOLEAN,
    WORD,
    INTEGER,
    ANY
  }

  private static final Map<String, Map<String, Kind>> UTILITY =
      Map.of(
          "VACUUM",
          Map.ofEntries(
              Map.entry("full", Kind.BOOLEAN),
              Map.entry("freeze", Kind.BOOLEAN),
              Map.entry("verbose", Kind.BOOLEAN),
              Map.entry("analyze", Kind.BOOLEAN),
              Map.entry("disable_page_skipping", Kind.BOOLEAN),
              Map.entry("skip_locked", Kind.BOOLEAN),
              Map.entry("index_cleanup", Kind.WORD),
              Map.entry("process_main", Kind.BOOLEAN),
              Map.entry("process_toast", Kind.BOOLEAN),
              Map.entry("truncate", Kind.BOOLEAN),
              Map.entry("parallel", Kind.INTEGER),
              Map.entry("skip_database_stats", Kind.BOOLEAN),
              Map.entry("only_database_stats", Kind.BOOLEAN),
              Map.entry("buffer_usage_limit", Kind.ANY)),
          "REINDEX",
          Map.of(
              "concurrently", Kind.BOOLEAN,
              "verbose", Kind.BOOLEAN,
              "tablespace", Kind.WORD),
          "CLUSTER",
          Map.of("verbose", Kind.BOOLEAN));

  private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "on", "off");

  /** VACUUM (...), REINDEX (...), CLUSTER (...). */
  public static void checkUtilityOptions(String command, List<SqlNode> options, SqlParserPos pos) {
    Map<String, Kind> known = UTILITY.getOrDefault(command, Map.of());
    Set<String> seen = new HashSet<>();
    for (SqlNode n : options) {
      SqlPgOption o = (SqlPgOption) n;
      Kind kind = known.get(o.name());
      if (kind == null) {
        throw new PgSyntaxException(
            "unrecognized " + command + " option \"" + o.name() + "\"", o.getParserPosition());
      }
      if (!seen.add(o.name())) {
        throw new PgSyntaxException(
            "option \"" + o.name() + "\" given twice", o.getParserPosition());
      }
      SqlNode v = o.value();
      boolean ok =
          switch (kind) {
            case BOOLEAN -> v == null || isBoolean(v);
            case WORD -> v instanceof SqlIdentifier || isBoolean(v);
            case INTEGER -> v instanceof SqlNumericLiteral num && num.isInteger();
            case ANY -> v != null;
          };
      if (!ok) {
        throw new PgSyntaxException(
            command + " option \"" + o.name() + "\" has an unsupported value",
            o.getParserPosition());
      }
    }
  }

  private static boolean isBoolean(SqlNode v) {
    if (v instanceof SqlLiteral lit && lit.getTypeName() == SqlTypeName.BOOLEAN) {
      return true;
    }
    if (v instanceof SqlIdentifier id && id.isSimple()) {
      return BOOLEAN_WORDS.contains(id.getSimple().toLowerCase(Locale.ROOT));
    }
    if (v instanceof SqlNumericLiteral num && num.isInteger()) {
      String s = num.toValue();
      return "0".equals(s) || "1".equals(s);
    }
    return false;
  }

  /**
   * Identity sequence options: each at most once (PostgreSQL: conflicting or redundant options).
   */
  public static void checkSequenceOptions(List<SqlNode> options, SqlParserPos pos) {
    Set<String> seen = new HashSet<>();
    for (SqlNode n : options) {
      SqlPgOption o = (SqlPgOption) n;
      String base =
          switch (o.name()) {
            case "start with" -> "start";
            case "increment by" -> "increment";
            case "no minvalue" -> "minvalue";
            case "no maxvalue" -> "maxvalue";
            case "no cycle" -> "cycle";
            case "restart with" -> "restart";
            default -> o.name();
          };
      if (!seen.add(base)) {
        throw new PgSyntaxException("conflicting or redundant options", o.getParserPosition());
      }
    }
  }
}

package dev.drawbridge.policy.ddl;

import dev.drawbridge.policy.ddl.node.PgNames;
import dev.drawbridge.policy.ddl.parser.PgDdlParserImpl;
import java.io.StringReader;
import java.util.Locale;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Renders trees back to PostgreSQL text on one line. Identifiers are quoted exactly when PostgreSQL
 * (or this parser) would otherwise read them differently: upper case or unusual characters,
 * PostgreSQL reserved words, and Calcite reserved words.
 */
public final class PgUnparser {
  private PgUnparser() {}

  private static final SqlAbstractParserImpl.Metadata METADATA =
      new PgDdlParserImpl(new StringReader("")).getMetadata();

  private static final SqlDialect DIALECT =
      new PostgresqlSqlDialect(PostgresqlSqlDialect.DEFAULT_CONTEXT) {
        @Override
        protected boolean identifierNeedsQuote(String val) {
          return !PgNames.quoteIfNeeded(val).equals(val)
              || METADATA.isReservedWord(val.toUpperCase(Locale.ROOT));
        }

        @Override
        public void quoteStringLiteral(
            StringBuilder buf, @Nullable String charsetName, String val) {
          quoteString(buf, val);
        }
      };

  /**
   * {@code 'text'} with doubled quotes, or {@code E'...'} with backslash escapes when the text has
   * control characters (so that every statement stays on one line).
   */
  static void quoteString(StringBuilder buf, String val) {
    boolean control = false;
    for (int i = 0; i < val.length(); i++) {
      if (val.charAt(i) < 0x20) {
        control = true;
        break;
      }
    }
    if (!control) {
      buf.append('\'').append(val.replace("'", "''")).append('\'');
      return;
    }
    buf.append("E'");
    for (int i = 0; i < val.length(); i++) {
      char c = val.charAt(i);
      switch (c) {
        case '\n' -> buf.append("\\n");
        case '\r' -> buf.append("\\r");
        case '\t' -> buf.append("\\t");
        case '\\' -> buf.append("\\\\");
        case '\'' -> buf.append("''");
        default -> {
          if (c < 0x20) {
            buf.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            buf.append(c);
          }
        }
      }
    }
    buf.append('\'');
  }

  private static final SqlWriterConfig CONFIG =
      SqlPrettyWriter.config()
          .withDialect(DIALECT)
          .withQuoteAllIdentifiers(false)
          .withAlwaysUseParentheses(false)
          .withClauseStartsLine(false)
          .withClauseEndsLine(false)
          .withIndentation(0)
          .withSelectListItemsOnSeparateLines(false)
          .withKeywordsLowerCase(false);

  /** PostgreSQL text for a tree from {@link DdlParser}. */
  public static String toSql(SqlNode node) {
    SqlPrettyWriter writer = new SqlPrettyWriter(CONFIG);
    node.unparse(writer, 0, 0);
    return writer.toSqlString().getSql();
  }
}

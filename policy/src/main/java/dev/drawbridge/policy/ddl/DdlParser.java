package dev.drawbridge.policy.ddl;

import dev.drawbridge.policy.ddl.node.PgSyntaxException;
import dev.drawbridge.policy.ddl.parser.CheapErrorParser;
import dev.drawbridge.policy.ddl.parser.ParseException;
import dev.drawbridge.policy.ddl.parser.Token;
import dev.drawbridge.policy.ddl.parser.TokenMgrError;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses one PostgreSQL DDL statement into a typed Calcite tree, failing closed: whatever the
 * grammar does not accept, including every statement PostgreSQL itself would reject as a syntax
 * error, comes back as {@link DdlParseResult.NotUnderstood} with a position. It never throws for
 * bad input.
 *
 * <p>Thread-safe: each call uses its own generated parser (Calcite's parsers are not thread-safe).
 * Unquoted identifiers are folded to lower case, quoted ones keep their case.
 */
public final class DdlParser {

  /** Longest statement accepted, in characters. */
  public static final int MAX_LENGTH = 64 * 1024;

  /** Deepest parenthesis nesting accepted. */
  public static final int MAX_NESTING = 64;

  private static final Pattern LEXICAL_POSITION = Pattern.compile("line (\\d+), column (\\d+)");

  /** Parses {@code sql}, one statement with an optional trailing semicolon. */
  public DdlParseResult parse(String sql) {
    if (sql == null) {
      return new DdlParseResult.NotUnderstood("no statement", 1, 1);
    }
    if (sql.length() > MAX_LENGTH) {
      return new DdlParseResult.NotUnderstood(
          "statement longer than " + MAX_LENGTH + " characters", 1, 1);
    }
    sql = DollarQuotes.rewrite(sql);
    DdlParseResult.NotUnderstood screened = PreScreen.check(sql);
    if (screened != null) {
      return screened;
    }
    CheapErrorParser parser = new CheapErrorParser(new StringReader(sql));
    parser.setTabSize(1);
    parser.setQuotedCasing(Casing.UNCHANGED);
    parser.setUnquotedCasing(Casing.TO_LOWER);
    parser.setIdentifierMaxLength(MAX_LENGTH);
    parser.setConformance(SqlConformanceEnum.LENIENT);
    parser.switchTo(SqlAbstractParserImpl.LexicalState.DQID);
    try {
      SqlNode node = parser.PgDdlStatementEof();
      return new DdlParseResult.Parsed(node);
    } catch (CheapErrorParser.Failure e) {
      Token at = e.at;
      String what = at.kind == 0 ? "unexpected end of statement" : "unexpected '" + at.image + "'";
      return new DdlParseResult.NotUnderstood(what, at.beginLine, at.beginColumn);
    } catch (ParseException e) {
      return new DdlParseResult.NotUnderstood("syntax error", 1, 1);
    } catch (PgSyntaxException e) {
      SqlParserPos pos = e.pos();
      return new DdlParseResult.NotUnderstood(
          e.getMessage(), Math.max(1, pos.getLineNum()), Math.max(1, pos.getColumnNum()));
    } catch (CalciteContextException e) {
      return new DdlParseResult.NotUnderstood(
          String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
          Math.max(1, e.getPosLine()),
          Math.max(1, e.getPosColumn()));
    } catch (TokenMgrError e) {
      Matcher m = LEXICAL_POSITION.matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        return new DdlParseResult.NotUnderstood(
            "unrecognized token", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      return new DdlParseResult.NotUnderstood("unrecognized token", 1, 1);
    } catch (StackOverflowError e) {
      return new DdlParseResult.NotUnderstood("statement nested too deeply", 1, 1);
    } catch (RuntimeException e) {
      // Anything else the generated parser or Calcite throws: refuse, never pass on.
      return new DdlParseResult.NotUnderstood(
          "not understood: " + e.getClass().getSimpleName(), 1, 1);
    }
  }
}

package dev.drawbridge.policy.ddl.node;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Expression support for the grammar: PostgreSQL's {@code ::} cast with its precedence, and the
 * allow-list of expression shapes whose meaning in PostgreSQL we know. Calcite's expression grammar
 * accepts constructs that PostgreSQL reads differently or not at all ({@code = ANY (a, b)}, a list
 * where PostgreSQL takes one array); those are refused, never passed on.
 */
public final class PgExpressions {
  private PgExpressions() {}

  private static final Set<SqlKind> ALLOWED_KINDS =
      EnumSet.of(
          SqlKind.PLUS,
          SqlKind.MINUS,
          SqlKind.TIMES,
          SqlKind.DIVIDE,
          SqlKind.MOD,
          SqlKind.EQUALS,
          SqlKind.NOT_EQUALS,
          SqlKind.LESS_THAN,
          SqlKind.GREATER_THAN,
          SqlKind.LESS_THAN_OR_EQUAL,
          SqlKind.GREATER_THAN_OR_EQUAL,
          SqlKind.AND,
          SqlKind.OR,
          SqlKind.NOT,
          SqlKind.IS_NULL,
          SqlKind.IS_NOT_NULL,
          SqlKind.IS_TRUE,
          SqlKind.IS_FALSE,
          SqlKind.IS_NOT_TRUE,
          SqlKind.IS_NOT_FALSE,
          SqlKind.IS_UNKNOWN,
          SqlKind.IS_DISTINCT_FROM,
          SqlKind.IS_NOT_DISTINCT_FROM,
          SqlKind.LIKE,
          SqlKind.SIMILAR,
          SqlKind.ESCAPE,
          SqlKind.BETWEEN,
          SqlKind.IN,
          SqlKind.NOT_IN,
          SqlKind.CAST,
          SqlKind.MINUS_PREFIX,
          SqlKind.PLUS_PREFIX,
          SqlKind.CASE,
          SqlKind.ARRAY_VALUE_CONSTRUCTOR,
          SqlKind.ITEM,
          SqlKind.COALESCE,
          SqlKind.NULLIF,
          SqlKind.POSIX_REGEX_CASE_SENSITIVE,
          SqlKind.POSIX_REGEX_CASE_INSENSITIVE,
          SqlKind.TRIM,
          SqlKind.POSITION,
          SqlKind.EXTRACT,
          SqlKind.ROW);

  /**
   * Applies {@code ::type} to the operand just parsed (the last entry of Calcite's flat operand and
   * operator list), which gives {@code ::} a higher precedence than every binary operator: {@code a
   * = b::int} casts only {@code b}.
   */
  public static void applyCast(List<Object> list, SqlDataTypeSpec type, SqlParserPos pos) {
    int last = list.size() - 1;
    if (last < 0 || !(list.get(last) instanceof SqlNode operand)) {
      throw new PgSyntaxException("'::' must follow an operand", pos);
    }
    if (last >= 1 && list.get(last - 1) instanceof SqlParserUtil.ToTreeListItem item) {
      SqlKind k = item.getOperator().getKind();
      if (k == SqlKind.DOT || k == SqlKind.ITEM) {
        throw new PgSyntaxException("'::' after field or subscript access is not supported", pos);
      }
    }
    SqlParserPos castPos = operand.getParserPosition().plus(type.getParserPosition());
    list.set(last, PgCastOperator.INSTANCE.createCall(castPos, operand, type));
  }

  /**
   * PostgreSQL's {@code interval 'text'} (no qualifier; the text is parsed by PostgreSQL) as a cast
   * of the string to {@code interval}. Called from the interval-literal rule of the patched
   * template.
   */
  public static SqlNode intervalString(SqlParserPos pos, int sign, String text) {
    if (sign < 0) {
      throw new PgSyntaxException(
          "a sign before the interval string is not PostgreSQL syntax", pos);
    }
    SqlDataTypeSpec type =
        new SqlDataTypeSpec(
            new PgTypeNameSpec(
                "INTERVAL", null, List.of(), PgTypeNameSpec.TimeZone.UNSPECIFIED, List.of(), pos),
            pos);
    return PgCastOperator.INSTANCE.createCall(pos, SqlLiteral.createCharString(text, pos), type);
  }

  private static final Set<SqlKind> COMPARISON =
      EnumSet.of(
          SqlKind.SOME,
          SqlKind.ALL,
          SqlKind.EQUALS,
          SqlKind.NOT_EQUALS,
          SqlKind.LESS_THAN,
          SqlKind.GREATER_THAN,
          SqlKind.LESS_THAN_OR_EQUAL,
          SqlKind.GREATER_THAN_OR_EQUAL);
  private static final Set<SqlKind> PATTERN =
      EnumSet.of(SqlKind.BETWEEN, SqlKind.IN, SqlKind.NOT_IN, SqlKind.LIKE, SqlKind.SIMILAR);
  private static final Set<SqlKind> IS =
      EnumSet.of(
          SqlKind.IS_NULL,
          SqlKind.IS_NOT_NULL,
          SqlKind.IS_TRUE,
          SqlKind.IS_FALSE,
          SqlKind.IS_NOT_TRUE,
          SqlKind.IS_NOT_FALSE,
          SqlKind.IS_UNKNOWN,
          SqlKind.IS_DISTINCT_FROM,
          SqlKind.IS_NOT_DISTINCT_FROM);

  /**
   * Refuses what PostgreSQL's non-associative operator levels reject and Calcite accepts: two
   * comparison operators ({@code a = b = c}), two of BETWEEN/IN/LIKE/SIMILAR ({@code x BETWEEN 1
   * AND 2 LIKE y}), or two IS operators in one operand chain; and, to be safe, a comparison in the
   * same chain as BETWEEN. Chains are separated by AND, OR and NOT (BETWEEN's own AND does not
   * separate). {@code list} is Calcite's flat operand/operator list of one expression level.
   */
  public static List<Object> checkNonAssociative(List<Object> list) {
    int comparisons = 0;
    int patterns = 0;
    int is = 0;
    boolean between = false;
    int pendingBetweenAnd = 0;
    for (Object o : list) {
      if (!(o instanceof SqlParserUtil.ToTreeListItem item)) {
        continue;
      }
      SqlKind k = item.getOperator().getKind();
      if (k == SqlKind.AND && pendingBetweenAnd > 0) {
        pendingBetweenAnd--;
        continue;
      }
      if (k == SqlKind.AND || k == SqlKind.OR || k == SqlKind.NOT) {
        comparisons = 0;
        patterns = 0;
        is = 0;
        between = false;
        continue;
      }
      if (COMPARISON.contains(k)) {
        comparisons++;
      } else if (PATTERN.contains(k)) {
        patterns++;
        if (k == SqlKind.BETWEEN) {
          between = true;
          pendingBetweenAnd++;
        }
      } else if (IS.contains(k)) {
        is++;
      }
      if (comparisons > 1 || patterns > 1 || is > 1 || (between && comparisons > 0)) {
        throw new PgSyntaxException(
            "operators that PostgreSQL does not associate need parentheses", item.getPos());
      }
    }
    return list;
  }

  /**
   * Refuses expressions outside the allow-list (see class comment), and turns {@code E'...'}
   * literals (which Calcite marks with a UTF-16 character set) into plain string literals.
   */
  public static SqlNode check(SqlNode node) {
    SqlNode n = plainString(node);
    checkNode(n, 0);
    return n;
  }

  /** Niladic functions Calcite's parser leaves as identifiers (resolved later by its validator). */
  private static final java.util.Map<String, SqlOperator> NILADIC =
      java.util.Map.ofEntries(
          java.util.Map.entry("CURRENT_DATE", SqlStdOperatorTable.CURRENT_DATE),
          java.util.Map.entry("CURRENT_TIME", SqlStdOperatorTable.CURRENT_TIME),
          java.util.Map.entry("CURRENT_TIMESTAMP", SqlStdOperatorTable.CURRENT_TIMESTAMP),
          java.util.Map.entry("LOCALTIME", SqlStdOperatorTable.LOCALTIME),
          java.util.Map.entry("LOCALTIMESTAMP", SqlStdOperatorTable.LOCALTIMESTAMP),
          java.util.Map.entry("CURRENT_USER", SqlStdOperatorTable.CURRENT_USER),
          java.util.Map.entry("SESSION_USER", SqlStdOperatorTable.SESSION_USER),
          java.util.Map.entry("USER", SqlStdOperatorTable.USER),
          java.util.Map.entry("CURRENT_ROLE", SqlStdOperatorTable.CURRENT_ROLE),
          java.util.Map.entry("CURRENT_CATALOG", SqlStdOperatorTable.CURRENT_CATALOG),
          java.util.Map.entry("SYSTEM_USER", SqlStdOperatorTable.SYSTEM_USER));

  private static SqlNode plainString(SqlNode node) {
    if (node instanceof SqlBasicCall call
        && call.getOperator() == SqlStdOperatorTable.CAST
        && call.operandCount() == 2
        && call.operand(1) instanceof SqlDataTypeSpec spec
        && spec.getTypeNameSpec() instanceof PgTypeNameSpec) {
      return PgCastOperator.INSTANCE.createCall(call.getParserPosition(), call.getOperandList());
    }
    if (node instanceof SqlIdentifier id && id.isSimple() && !id.getParserPosition().isQuoted()) {
      SqlOperator niladic = NILADIC.get(id.getSimple().toUpperCase(java.util.Locale.ROOT));
      if (niladic != null) {
        return niladic.createCall(id.getParserPosition());
      }
    }
    if (node instanceof SqlCharStringLiteral s
        && s.getNlsString().getCharsetName() != null
        && s.getNlsString().getCharsetName().startsWith("UTF")) {
      return SqlLiteral.createCharString(s.getNlsString().getValue(), s.getParserPosition());
    }
    return node;
  }

  private static void checkNode(SqlNode node, int depth) {
    if (depth > 200) {
      throw new PgSyntaxException("expression too deeply nested", node.getParserPosition());
    }
    if (node instanceof SqlIdentifier id) {
      if (id.isStar()) {
        throw new PgSyntaxException("'*' is not allowed here", node.getParserPosition());
      }
      PgNames.checkColId(id);
      return;
    }
    if (node instanceof SqlLiteral lit) {
      if (lit instanceof SqlCharStringLiteral s && s.getNlsString().getCharsetName() != null) {
        throw new PgSyntaxException(
            "character set prefixes are not supported", node.getParserPosition());
      }
      if (lit.getTypeName() == SqlTypeName.BINARY) {
        throw new PgSyntaxException(
            "binary string literals are not supported", node.getParserPosition());
      }
      return;
    }
    if (node instanceof SqlDataTypeSpec spec) {
      if (!(spec.getTypeNameSpec() instanceof PgTypeNameSpec)) {
        throw new PgSyntaxException("unsupported type", node.getParserPosition());
      }
      return;
    }
    if (node instanceof SqlIntervalQualifier) {
      return;
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode n = list.get(i);
        if (n != null) {
          SqlNode plain = plainString(n);
          if (plain != n) {
            list.set(i, plain);
          }
          checkNode(plain, depth + 1);
        }
      }
      return;
    }
    if (node instanceof SqlCall call) {
      SqlOperator op = call.getOperator();
      boolean allowed =
          ALLOWED_KINDS.contains(op.getKind())
              || op == SqlStdOperatorTable.CONCAT
              || op instanceof PgOperator
              || isArrayComparison(call)
              || op instanceof SqlUnresolvedFunction
              || (op instanceof SqlFunction && op.getSyntax() == SqlSyntax.FUNCTION_ID);
      if (op instanceof SqlUnresolvedFunction f) {
        if (call.getFunctionQuantifier() != null) {
          allowed = false;
        }
        SqlIdentifier name = f.getSqlIdentifier();
        if (name != null) {
          for (int i = 0; i < name.names.size(); i++) {
            boolean quoted = name.getComponentParserPosition(i).isQuoted();
            if (!quoted
                && (PgNames.isReserved(name.names.get(i))
                    || (name.names.size() == 1 && PgNames.isNotFunctionName(name.names.get(i))))) {
              throw new PgSyntaxException(
                  "'" + name.names.get(i) + "' cannot name a function here in PostgreSQL",
                  node.getParserPosition());
            }
          }
        }
      }
      if (!allowed) {
        throw new PgSyntaxException(
            "expression form not supported: " + op.getName(), node.getParserPosition());
      }
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode operand = operands.get(i);
        if (operand != null) {
          SqlNode plain = plainString(operand);
          if (plain != operand) {
            try {
              call.setOperand(i, plain);
            } catch (UnsupportedOperationException e) {
              throw new PgSyntaxException(
                  "escape string not supported here", plain.getParserPosition());
            }
          }
          checkNode(plain, depth + 1);
        }
      }
      return;
    }
    throw new PgSyntaxException("expression form not supported", node.getParserPosition());
  }

  /**
   * {@code x op ANY|SOME|ALL (array)}: PostgreSQL's array comparison takes exactly one
   * parenthesized expression (a list of several is a syntax error there; a subquery is refused
   * elsewhere).
   */
  private static boolean isArrayComparison(SqlCall call) {
    SqlKind k = call.getOperator().getKind();
    return (k == SqlKind.SOME || k == SqlKind.ALL)
        && call.operandCount() == 2
        && call.operand(1) instanceof SqlNodeList list
        && list.size() == 1
        && !(list.get(0) instanceof SqlNodeList)
        && !list.get(0).isA(SqlKind.QUERY);
  }

  /** A term that can follow DEFAULT without parentheses. */
  static boolean isSimpleTerm(SqlNode e) {
    if (e instanceof SqlIdentifier) {
      return true;
    }
    if (e instanceof SqlLiteral) {
      return true;
    }
    if (e instanceof SqlBasicCall call) {
      SqlOperator op = call.getOperator();
      return op instanceof SqlUnresolvedFunction
          || (op instanceof SqlFunction && op.getSyntax() == SqlSyntax.FUNCTION_ID)
          || op.getKind() == SqlKind.CAST;
    }
    return false;
  }
}

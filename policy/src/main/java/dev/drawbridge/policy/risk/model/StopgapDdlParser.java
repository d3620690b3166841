package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.risk.model.AlterAction.PartitionBound;
import dev.drawbridge.policy.risk.model.ColumnDef.Generated;
import dev.drawbridge.policy.risk.model.ColumnDef.InlineConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A small recursive-descent reader for the DDL subset the risk rules judge, producing {@link
 * DdlStatement} trees. It exists so the rules, plans and golden tests can run before the
 * Calcite-generated parser ({@code dev.drawbridge.policy.ddl}) is merged; the gateway should use
 * that parser through an adapter. Fail-closed: anything outside the subset throws {@link
 * ParseException}.
 */
public final class StopgapDdlParser {

  /** The input is outside the understood subset. */
  public static final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParseException(String message) {
      super(message);
    }
  }

  private enum T {
    IDENT,
    QIDENT,
    STRING,
    NUMBER,
    OP,
    EOF
  }

  private record Tok(T kind, String text, int pos) {}

  private final List<Tok> toks;
  private int i;

  private StopgapDdlParser(List<Tok> toks) {
    this.toks = toks;
  }

  /** Splits on top-level semicolons and parses each non-empty statement. */
  public static List<DdlStatement> parseScript(String sql) {
    List<Tok> all = lex(sql);
    List<DdlStatement> out = new ArrayList<>();
    List<Tok> cur = new ArrayList<>();
    for (Tok t : all) {
      if (t.kind == T.OP && t.text.equals(";") || t.kind == T.EOF) {
        if (!cur.isEmpty()) {
          cur.add(new Tok(T.EOF, "", t.pos));
          out.add(new StopgapDdlParser(cur).statement());
          cur = new ArrayList<>();
        }
      } else {
        cur.add(t);
      }
    }
    return out;
  }

  /**
   * One statement of a script: its source text and either its tree or why it was not understood.
   */
  public record Parsed(String text, Optional<DdlStatement> statement, Optional<String> error) {}

  /**
   * Splits on top-level semicolons (outside strings, quoted names, dollar quotes and comments) and
   * parses each statement on its own, so one statement outside the subset does not hide the others.
   */
  public static List<Parsed> parseEach(String sql) {
    List<Tok> all;
    try {
      all = lex(sql);
    } catch (ParseException e) {
      return List.of(new Parsed(sql.strip(), Optional.empty(), Optional.of(e.getMessage())));
    }
    List<Parsed> out = new ArrayList<>();
    List<Tok> cur = new ArrayList<>();
    for (Tok t : all) {
      if (t.kind == T.OP && t.text.equals(";") || t.kind == T.EOF) {
        if (!cur.isEmpty()) {
          String text = sql.substring(cur.get(0).pos, t.pos).strip();
          cur.add(new Tok(T.EOF, "", t.pos));
          try {
            out.add(
                new Parsed(
                    text, Optional.of(new StopgapDdlParser(cur).statement()), Optional.empty()));
          } catch (ParseException e) {
            out.add(new Parsed(text, Optional.empty(), Optional.of(e.getMessage())));
          }
          cur = new ArrayList<>();
        }
      } else {
        cur.add(t);
      }
    }
    return out;
  }

  /** Parses exactly one statement (a trailing semicolon is allowed). */
  public static DdlStatement parse(String sql) {
    List<DdlStatement> all = parseScript(sql);
    if (all.size() != 1) {
      throw new ParseException("expected one statement, found " + all.size());
    }
    return all.get(0);
  }

  /** Parses a type name as the catalog prints it ("character varying(20)", "integer[]"). */
  public static TypeName parseType(String text) {
    StopgapDdlParser p = new StopgapDdlParser(lex(text));
    TypeName t = p.type();
    p.expectEof();
    return t;
  }

  /** Parses an expression, or a catalog CHECK definition "CHECK ((a > 0)) [NOT VALID]". */
  public static Expr parseExpression(String text) {
    StopgapDdlParser p = new StopgapDdlParser(lex(text));
    if (p.peekKw("check")) {
      p.next();
    }
    Expr e = p.expr();
    if (p.peekKw("not")) {
      p.next();
      p.expectKw("valid");
    }
    p.expectEof();
    return e;
  }

  // ---------------------------------------------------------------- lexer

  private static List<Tok> lex(String s) {
    List<Tok> out = new ArrayList<>();
    int n = s.length();
    int p = 0;
    while (p < n) {
      char c = s.charAt(p);
      if (Character.isWhitespace(c)) {
        p++;
      } else if (c == '-' && p + 1 < n && s.charAt(p + 1) == '-') {
        while (p < n && s.charAt(p) != '\n') {
          p++;
        }
      } else if (c == '/' && p + 1 < n && s.charAt(p + 1) == '*') {
        int depth = 0;
        do {
          if (p + 1 >= n) {
            throw new ParseException("unterminated comment");
          }
          if (s.startsWith("/*", p)) {
            depth++;
            p += 2;
          } else if (s.startsWith("*/", p)) {
            depth--;
            p += 2;
          } else {
            p++;
          }
        } while (depth > 0);
      } else if ((c == 'E' || c == 'e') && p + 1 < n && s.charAt(p + 1) == '\'') {
        StringBuilder sb = new StringBuilder();
        int q = p + 2;
        while (true) {
          if (q >= n) {
            throw new ParseException("unterminated string");
          }
          char d = s.charAt(q);
          if (d == '\\' && q + 1 < n) {
            char e = s.charAt(q + 1);
            switch (e) {
              case 'n' -> sb.append('\n');
              case 't' -> sb.append('\t');
              case 'r' -> sb.append('\r');
              case 'b' -> sb.append('\b');
              case 'f' -> sb.append('\f');
              case '\\', '\'', '"' -> sb.append(e);
              default -> throw new ParseException("unsupported escape \\" + e);
            }
            q += 2;
          } else if (d == '\'' && q + 1 < n && s.charAt(q + 1) == '\'') {
            sb.append('\'');
            q += 2;
          } else if (d == '\'') {
            q++;
            break;
          } else {
            sb.append(d);
            q++;
          }
        }
        out.add(new Tok(T.STRING, sb.toString(), p));
        p = q;
      } else if ((c == 'U' || c == 'u') && p + 1 < n && s.charAt(p + 1) == '&') {
        throw new ParseException("U& literals are not supported");
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        int q = p + 1;
        while (true) {
          if (q >= n) {
            throw new ParseException("unterminated string");
          }
          char d = s.charAt(q);
          if (d == '\'' && q + 1 < n && s.charAt(q + 1) == '\'') {
            sb.append('\'');
            q += 2;
          } else if (d == '\'') {
            q++;
            break;
          } else {
            sb.append(d);
            q++;
          }
        }
        out.add(new Tok(T.STRING, sb.toString(), p));
        p = q;
      } else if (c == '$'
          && p + 1 < n
          && (s.charAt(p + 1) == '$' || isIdentStart(s.charAt(p + 1)))) {
        int q = p + 1;
        while (q < n && s.charAt(q) != '$' && isIdentPart(s.charAt(q))) {
          q++;
        }
        if (q >= n || s.charAt(q) != '$') {
          throw new ParseException("bad dollar quote");
        }
        String tag = s.substring(p, q + 1);
        int end = s.indexOf(tag, q + 1);
        if (end < 0) {
          throw new ParseException("unterminated dollar quote");
        }
        out.add(new Tok(T.STRING, s.substring(q + 1, end), p));
        p = end + tag.length();
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        int q = p + 1;
        while (true) {
          if (q >= n) {
            throw new ParseException("unterminated quoted identifier");
          }
          char d = s.charAt(q);
          if (d == '"' && q + 1 < n && s.charAt(q + 1) == '"') {
            sb.append('"');
            q += 2;
          } else if (d == '"') {
            q++;
            break;
          } else {
            sb.append(d);
            q++;
          }
        }
        if (sb.isEmpty()) {
          throw new ParseException("zero-length identifier");
        }
        out.add(new Tok(T.QIDENT, sb.toString(), p));
        p = q;
      } else if (isIdentStart(c)) {
        int q = p;
        while (q < n && isIdentPart(s.charAt(q))) {
          q++;
        }
        out.add(new Tok(T.IDENT, s.substring(p, q).toLowerCase(Locale.ROOT), p));
        p = q;
      } else if (Character.isDigit(c)
          || (c == '.' && p + 1 < n && Character.isDigit(s.charAt(p + 1)))) {
        int q = p;
        while (q < n && (Character.isDigit(s.charAt(q)) || s.charAt(q) == '.')) {
          q++;
        }
        if (q < n && (s.charAt(q) == 'e' || s.charAt(q) == 'E')) {
          q++;
          if (q < n && (s.charAt(q) == '+' || s.charAt(q) == '-')) {
            q++;
          }
          while (q < n && Character.isDigit(s.charAt(q))) {
            q++;
          }
        }
        out.add(new Tok(T.NUMBER, s.substring(p, q), p));
        p = q;
      } else if ("(),;.[]".indexOf(c) >= 0) {
        out.add(new Tok(T.OP, String.valueOf(c), p));
        p++;
      } else if (c == ':' && p + 1 < n && s.charAt(p + 1) == ':') {
        out.add(new Tok(T.OP, "::", p));
        p += 2;
      } else if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
        int q = p;
        while (q < n && "+-*/<>=~!@#%^&|`?".indexOf(s.charAt(q)) >= 0) {
          if (s.startsWith("--", q) || s.startsWith("/*", q)) {
            break;
          }
          q++;
        }
        out.add(new Tok(T.OP, s.substring(p, q), p));
        p = q;
      } else {
        throw new ParseException("unexpected character '" + c + "' at " + p);
      }
    }
    out.add(new Tok(T.EOF, "", n));
    return out;
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || Character.isDigit(c) || c == '$';
  }

  // ---------------------------------------------------------------- helpers

  private Tok peek() {
    return toks.get(i);
  }

  private Tok peek(int ahead) {
    return toks.get(Math.min(i + ahead, toks.size() - 1));
  }

  private Tok next() {
    return toks.get(i++);
  }

  private boolean peekKw(String kw) {
    return peek().kind == T.IDENT && peek().text.equals(kw);
  }

  private boolean peekKw(int ahead, String kw) {
    Tok t = peek(ahead);
    return t.kind == T.IDENT && t.text.equals(kw);
  }

  private boolean acceptKw(String kw) {
    if (peekKw(kw)) {
      i++;
      return true;
    }
    return false;
  }

  private boolean acceptKws(String... kws) {
    for (int k = 0; k < kws.length; k++) {
      if (!peekKw(k, kws[k])) {
        return false;
      }
    }
    i += kws.length;
    return true;
  }

  private void expectKw(String kw) {
    if (!acceptKw(kw)) {
      throw error("expected " + kw.toUpperCase(Locale.ROOT));
    }
  }

  private boolean peekOp(String op) {
    return peek().kind == T.OP && peek().text.equals(op);
  }

  private boolean acceptOp(String op) {
    if (peekOp(op)) {
      i++;
      return true;
    }
    return false;
  }

  private void expectOp(String op) {
    if (!acceptOp(op)) {
      throw error("expected '" + op + "'");
    }
  }

  private void expectEof() {
    if (peek().kind != T.EOF) {
      throw error("unexpected trailing input");
    }
  }

  private ParseException error(String msg) {
    Tok t = peek();
    return new ParseException(
        msg + " at " + (t.kind == T.EOF ? "end of statement" : "'" + t.text + "'"));
  }

  private static final Set<String> RESERVED_NAMES =
      Set.of(
          "add",
          "alter",
          "drop",
          "constraint",
          "check",
          "primary",
          "unique",
          "references",
          "foreign",
          "default",
          "not",
          "null",
          "using",
          "where",
          "on",
          "from",
          "to",
          "with",
          "table",
          "only",
          "select",
          "order",
          "group",
          "and",
          "or",
          "as",
          "user",
          "exclude");

  private String ident() {
    Tok t = peek();
    if (t.kind == T.QIDENT) {
      i++;
      return t.text;
    }
    if (t.kind == T.IDENT && !RESERVED_NAMES.contains(t.text)) {
      i++;
      return t.text;
    }
    throw error("expected a name");
  }

  private QualifiedName qname() {
    String a = ident();
    if (acceptOp(".")) {
      String b = ident();
      if (peekOp(".")) {
        throw error("three-part names are not supported");
      }
      return QualifiedName.of(a, b);
    }
    return QualifiedName.of(a);
  }

  private List<String> identList() {
    expectOp("(");
    List<String> out = new ArrayList<>();
    do {
      out.add(ident());
    } while (acceptOp(","));
    expectOp(")");
    return out;
  }

  private int integer() {
    Tok t = next();
    if (t.kind != T.NUMBER || !t.text.matches("\\d+")) {
      i--;
      throw error("expected an integer");
    }
    return Integer.parseInt(t.text);
  }

  private String stringLit() {
    Tok t = next();
    if (t.kind != T.STRING) {
      i--;
      throw error("expected a string literal");
    }
    return t.text;
  }

  // ---------------------------------------------------------------- statements

  private DdlStatement statement() {
    DdlStatement s = statementBody();
    expectEof();
    return s;
  }

  private DdlStatement statementBody() {
    if (acceptKws("select", "setval")) {
      expectOp("(");
      expectKw("pg_get_serial_sequence");
      expectOp("(");
      stringLit();
      expectOp(",");
      stringLit();
      expectOp(")");
      expectOp(",");
      expectKw("max");
      expectOp("(");
      String col = ident();
      expectOp(")");
      expectOp(")");
      expectKw("from");
      return new DdlStatement.SetSequenceToMax(qname(), col);
    }
    if (acceptKw("alter")) {
      if (acceptKw("table")) {
        return alterTable();
      }
      if (acceptKw("index")) {
        acceptKws("if", "exists");
        QualifiedName idx = qname();
        if (acceptKws("attach", "partition")) {
          return new DdlStatement.AttachIndex(idx, qname());
        }
        expectKw("rename");
        expectKw("to");
        return new DdlStatement.RenameIndex(idx, ident());
      }
      if (acceptKw("type")) {
        QualifiedName type = qname();
        if (acceptKw("add")) {
          expectKw("value");
          boolean ine = acceptKws("if", "not", "exists");
          String v = stringLit();
          Optional<String> neighbour = Optional.empty();
          boolean before = false;
          if (acceptKw("before")) {
            before = true;
            neighbour = Optional.of(stringLit());
          } else if (acceptKw("after")) {
            neighbour = Optional.of(stringLit());
          }
          return new DdlStatement.AddEnumValue(type, v, ine, neighbour, before);
        }
        expectKw("rename");
        expectKw("value");
        String from = stringLit();
        expectKw("to");
        return new DdlStatement.RenameEnumValue(type, from, stringLit());
      }
      if (acceptKw("sequence")) {
        QualifiedName seq = qname();
        expectKw("owned");
        expectKw("by");
        String a = ident();
        expectOp(".");
        String b = ident();
        if (acceptOp(".")) {
          return new DdlStatement.AlterSequenceOwnedBy(seq, QualifiedName.of(a, b), ident());
        }
        return new DdlStatement.AlterSequenceOwnedBy(seq, QualifiedName.of(a), b);
      }
      if (acceptKw("schema")) {
        String from = ident();
        expectKw("rename");
        expectKw("to");
        return new DdlStatement.RenameSchema(from, ident());
      }
      throw error("unsupported ALTER");
    }
    if (acceptKw("create")) {
      boolean unique = acceptKw("unique");
      if (acceptKw("index")) {
        return createIndex(unique);
      }
      if (!unique && acceptKw("table")) {
        return createTable();
      }
      if (!unique && acceptKw("sequence")) {
        boolean ine = acceptKws("if", "not", "exists");
        return new DdlStatement.CreateSequence(qname(), ine);
      }
      if (!unique && acceptKw("view")) {
        QualifiedName v = qname();
        expectKw("as");
        expectKw("select");
        expectOp("*");
        expectKw("from");
        return new DdlStatement.CreateViewSelectAll(v, qname());
      }
      if (!unique) {
        acceptKws("or", "replace");
        if (peekKw("function") || peekKw("procedure")) {
          return opaque(peek().text.toUpperCase(Locale.ROOT));
        }
      }
      throw error("unsupported CREATE");
    }
    if (acceptKw("drop")) {
      if (acceptKw("index")) {
        boolean conc = acceptKw("concurrently");
        boolean ie = acceptKws("if", "exists");
        List<QualifiedName> names = new ArrayList<>();
        do {
          names.add(qname());
        } while (acceptOp(","));
        boolean cascade = acceptKw("cascade");
        if (!cascade) {
          acceptKw("restrict");
        }
        return new DdlStatement.DropIndex(names, conc, ie, cascade);
      }
      if (acceptKw("table")) {
        boolean ie = acceptKws("if", "exists");
        List<QualifiedName> names = new ArrayList<>();
        do {
          names.add(qname());
        } while (acceptOp(","));
        boolean cascade = acceptKw("cascade");
        if (!cascade) {
          acceptKw("restrict");
        }
        return new DdlStatement.DropTable(names, ie, cascade);
      }
      if (acceptKw("sequence")) {
        boolean ie = acceptKws("if", "exists");
        return new DdlStatement.DropSequence(qname(), ie);
      }
      if (acceptKw("view")) {
        boolean ie = acceptKws("if", "exists");
        return new DdlStatement.DropView(qname(), ie);
      }
      throw error("unsupported DROP");
    }
    if (acceptKw("truncate")) {
      acceptKw("table");
      acceptKw("only");
      List<QualifiedName> names = new ArrayList<>();
      do {
        names.add(qname());
      } while (acceptOp(","));
      if (acceptKw("restart") || acceptKw("continue")) {
        expectKw("identity");
      }
      boolean cascade = acceptKw("cascade");
      if (!cascade) {
        acceptKw("restrict");
      }
      return new DdlStatement.Truncate(names, cascade);
    }
    if (acceptKw("vacuum")) {
      boolean full;
      if (acceptOp("(")) {
        full = false;
        do {
          String opt = ident();
          if (opt.equals("full")) {
            full = !(acceptKw("false") || acceptKw("off"));
            acceptKw("true");
            acceptKw("on");
          }
        } while (acceptOp(","));
        expectOp(")");
      } else {
        full = acceptKw("full");
      }
      if (!full) {
        throw error("only VACUUM FULL is judged here");
      }
      Optional<QualifiedName> t = peek().kind == T.EOF ? Optional.empty() : Optional.of(qname());
      return new DdlStatement.VacuumFull(t);
    }
    if (acceptKw("cluster")) {
      if (peek().kind == T.EOF) {
        return new DdlStatement.Cluster(Optional.empty(), Optional.empty());
      }
      QualifiedName t = qname();
      Optional<String> idx = acceptKw("using") ? Optional.of(ident()) : Optional.empty();
      return new DdlStatement.Cluster(Optional.of(t), idx);
    }
    if (acceptKw("reindex")) {
      boolean conc = false;
      if (acceptOp("(")) {
        do {
          ident();
        } while (acceptOp(","));
        expectOp(")");
      }
      boolean table;
      if (acceptKw("index")) {
        table = false;
      } else if (acceptKw("table")) {
        table = true;
      } else {
        throw error("only REINDEX INDEX and REINDEX TABLE are judged here");
      }
      conc = acceptKw("concurrently");
      return new DdlStatement.Reindex(table, qname(), conc);
    }
    if (peekKw("do")) {
      return opaque("DO");
    }
    throw error("not a statement this parser understands");
  }

  private DdlStatement opaque(String keyword) {
    i = toks.size() - 1;
    return new DdlStatement.Opaque(keyword);
  }

  private DdlStatement alterTable() {
    boolean ie = acceptKws("if", "exists");
    boolean only = acceptKw("only");
    QualifiedName t = qname();
    acceptOp("*");
    List<AlterAction> actions = new ArrayList<>();
    do {
      actions.add(alterAction());
    } while (acceptOp(","));
    if (actions.size() > 1
        && actions.stream()
            .anyMatch(
                a ->
                    a instanceof AlterAction.RenameColumn
                        || a instanceof AlterAction.RenameTable
                        || a instanceof AlterAction.RenameConstraint
                        || a instanceof AlterAction.AttachPartition
                        || a instanceof AlterAction.DetachPartition)) {
      throw new ParseException("RENAME, ATTACH and DETACH cannot be combined with other actions");
    }
    return new DdlStatement.AlterTable(t, ie, only, actions);
  }

  private AlterAction alterAction() {
    if (acceptKw("add")) {
      if (peekKw("constraint")
          || peekKw("check")
          || peekKw("unique")
          || peekKw("primary")
          || peekKw("foreign")
          || peekKw("exclude")) {
        TableConstraint c = tableConstraint();
        boolean nv = acceptKws("not", "valid");
        return new AlterAction.AddConstraint(c, nv);
      }
      acceptKw("column");
      boolean ine = acceptKws("if", "not", "exists");
      return new AlterAction.AddColumn(columnDef(), ine);
    }
    if (acceptKw("drop")) {
      if (acceptKw("constraint")) {
        boolean ie = acceptKws("if", "exists");
        String n = ident();
        boolean cascade = acceptKw("cascade");
        if (!cascade) {
          acceptKw("restrict");
        }
        return new AlterAction.DropConstraint(n, ie, cascade);
      }
      acceptKw("column");
      boolean ie = acceptKws("if", "exists");
      String c = ident();
      boolean cascade = acceptKw("cascade");
      if (!cascade) {
        acceptKw("restrict");
      }
      return new AlterAction.DropColumn(c, ie, cascade);
    }
    if (acceptKw("alter")) {
      acceptKw("column");
      String c = ident();
      if (acceptKws("set", "data", "type") || acceptKw("type")) {
        TypeName t = type();
        if (acceptKw("collate")) {
          throw error("COLLATE is not supported here");
        }
        Optional<Expr> using = acceptKw("using") ? Optional.of(expr()) : Optional.empty();
        return new AlterAction.AlterColumnType(c, t, using);
      }
      if (acceptKws("set", "not", "null")) {
        return new AlterAction.SetNotNull(c);
      }
      if (acceptKws("drop", "not", "null")) {
        return new AlterAction.DropNotNull(c);
      }
      if (acceptKws("set", "default")) {
        return new AlterAction.SetDefault(c, bExpr());
      }
      if (acceptKws("drop", "default")) {
        return new AlterAction.DropDefault(c);
      }
      if (acceptKws("drop", "identity")) {
        acceptKws("if", "exists");
        return new AlterAction.DropIdentity(c);
      }
      if (acceptKws("set", "statistics")) {
        boolean neg = acceptOp("-");
        int n = integer();
        return new AlterAction.SetStatistics(c, neg ? -n : n);
      }
      if (acceptKws("set", "storage")) {
        return new AlterAction.SetStorage(c, next().text);
      }
      if (acceptKws("add", "generated")) {
        boolean always = acceptKw("always");
        if (!always) {
          expectKw("by");
          expectKw("default");
        }
        expectKw("as");
        expectKw("identity");
        return new AlterAction.AddIdentity(c, always);
      }
      throw error("unsupported ALTER COLUMN form");
    }
    if (acceptKw("validate")) {
      expectKw("constraint");
      return new AlterAction.ValidateConstraint(ident());
    }
    if (acceptKw("rename")) {
      if (acceptKw("to")) {
        return new AlterAction.RenameTable(ident());
      }
      if (acceptKw("constraint")) {
        String from = ident();
        expectKw("to");
        return new AlterAction.RenameConstraint(from, ident());
      }
      acceptKw("column");
      String from = ident();
      expectKw("to");
      return new AlterAction.RenameColumn(from, ident());
    }
    if (acceptKws("set", "logged")) {
      return new AlterAction.SetLogged(true);
    }
    if (acceptKws("set", "unlogged")) {
      return new AlterAction.SetLogged(false);
    }
    if (acceptKws("set", "tablespace")) {
      return new AlterAction.SetTablespace(ident());
    }
    if (peekKw("set") || peekKw("reset")) {
      boolean reset = next().text.equals("reset");
      expectOp("(");
      List<String> opts = new ArrayList<>();
      do {
        String k = ident();
        if (!reset && acceptOp("=")) {
          Tok v = next();
          if (v.kind != T.NUMBER && v.kind != T.IDENT && v.kind != T.STRING) {
            throw error("bad option value");
          }
          k = k + " = " + (v.kind == T.STRING ? SqlRenderer.string(v.text) : v.text);
        }
        opts.add(k);
      } while (acceptOp(","));
      expectOp(")");
      return new AlterAction.SetOptions(opts, reset);
    }
    if (acceptKws("attach", "partition")) {
      QualifiedName p = qname();
      return new AlterAction.AttachPartition(p, partitionBound());
    }
    if (acceptKws("detach", "partition")) {
      QualifiedName p = qname();
      boolean conc = acceptKw("concurrently");
      boolean fin = !conc && acceptKw("finalize");
      return new AlterAction.DetachPartition(p, conc, fin);
    }
    throw error("unsupported ALTER TABLE action");
  }

  private PartitionBound partitionBound() {
    if (acceptKw("default")) {
      return new PartitionBound.Default();
    }
    expectKw("for");
    expectKw("values");
    if (acceptKw("in")) {
      return new PartitionBound.In(exprList());
    }
    if (acceptKw("from")) {
      List<Expr> from = exprList();
      expectKw("to");
      return new PartitionBound.Range(from, exprList());
    }
    expectKw("with");
    expectOp("(");
    expectKw("modulus");
    int m = integer();
    expectOp(",");
    expectKw("remainder");
    int r = integer();
    expectOp(")");
    return new PartitionBound.Hash(m, r);
  }

  private List<Expr> exprList() {
    expectOp("(");
    List<Expr> out = new ArrayList<>();
    do {
      out.add(expr());
    } while (acceptOp(","));
    expectOp(")");
    return out;
  }

  private DdlStatement createIndex(boolean unique) {
    boolean conc = acceptKw("concurrently");
    boolean ine = acceptKws("if", "not", "exists");
    Optional<String> name = peekKw("on") ? Optional.empty() : Optional.of(ident());
    if (ine && name.isEmpty()) {
      throw error("IF NOT EXISTS needs an index name");
    }
    expectKw("on");
    boolean only = acceptKw("only");
    QualifiedName t = qname();
    Optional<String> method = acceptKw("using") ? Optional.of(ident()) : Optional.empty();
    expectOp("(");
    List<DdlStatement.IndexElement> elems = new ArrayList<>();
    do {
      Expr e;
      if (acceptOp("(")) {
        e = expr();
        expectOp(")");
      } else {
        e = primary();
      }
      Optional<String> opclass = Optional.empty();
      if (peek().kind == T.IDENT && !peekKw("asc") && !peekKw("desc") && !peekKw("nulls")) {
        opclass = Optional.of(ident());
      }
      boolean desc = acceptKw("desc");
      if (!desc) {
        acceptKw("asc");
      }
      if (acceptKw("nulls")) {
        throw error("NULLS FIRST/LAST is not supported here");
      }
      elems.add(new DdlStatement.IndexElement(e, opclass, desc));
    } while (acceptOp(","));
    expectOp(")");
    List<String> include = acceptKw("include") ? identList() : List.of();
    Optional<Expr> where = acceptKw("where") ? Optional.of(expr()) : Optional.empty();
    return new DdlStatement.CreateIndex(
        name, t, unique, conc, ine, only, method, elems, include, where);
  }

  private DdlStatement createTable() {
    boolean ine = acceptKws("if", "not", "exists");
    QualifiedName t = qname();
    expectOp("(");
    List<ColumnDef> cols = new ArrayList<>();
    List<TableConstraint> cons = new ArrayList<>();
    if (!peekOp(")")) {
      do {
        if (peekKw("constraint")
            || peekKw("check")
            || peekKw("unique")
            || peekKw("primary")
            || peekKw("foreign")
            || peekKw("exclude")) {
          cons.add(tableConstraint());
        } else {
          cols.add(columnDef());
        }
      } while (acceptOp(","));
    }
    expectOp(")");
    return new DdlStatement.CreateTable(t, ine, cols, cons);
  }

  private TableConstraint tableConstraint() {
    Optional<String> name = acceptKw("constraint") ? Optional.of(ident()) : Optional.empty();
    if (acceptKw("check")) {
      expectOp("(");
      Expr e = expr();
      expectOp(")");
      return new TableConstraint.Check(name, e);
    }
    if (acceptKw("unique") || (acceptKw("primary") && acceptKwOrFail("key"))) {
      boolean primary = toks.get(i - 1).text.equals("key");
      if (acceptKws("using", "index")) {
        return new TableConstraint.KeyUsingIndex(name, primary, ident());
      }
      return new TableConstraint.Key(name, primary, identList());
    }
    if (acceptKw("foreign")) {
      expectKw("key");
      List<String> cols = identList();
      expectKw("references");
      QualifiedName ref = qname();
      List<String> refCols = peekOp("(") ? identList() : List.of();
      return new TableConstraint.ForeignKey(name, cols, ref, refCols, onDelete());
    }
    if (acceptKw("exclude")) {
      Optional<String> method = acceptKw("using") ? Optional.of(ident()) : Optional.empty();
      expectOp("(");
      List<TableConstraint.ExcludeElement> els = new ArrayList<>();
      do {
        Expr e;
        if (acceptOp("(")) {
          e = expr();
          expectOp(")");
        } else {
          e = primary();
        }
        expectKw("with");
        Tok op = next();
        if (op.kind != T.OP) {
          throw error("expected an operator");
        }
        els.add(new TableConstraint.ExcludeElement(e, op.text));
      } while (acceptOp(","));
      expectOp(")");
      if (peekKw("where")) {
        throw error("EXCLUDE … WHERE is not supported here");
      }
      return new TableConstraint.Exclude(name, method, els);
    }
    throw error("expected a table constraint");
  }

  private boolean acceptKwOrFail(String kw) {
    expectKw(kw);
    return true;
  }

  private Optional<String> onDelete() {
    Optional<String> action = Optional.empty();
    while (acceptKw("on")) {
      boolean delete = acceptKw("delete");
      if (!delete) {
        expectKw("update");
      }
      String a;
      if (acceptKw("cascade")) {
        a = "CASCADE";
      } else if (acceptKw("restrict")) {
        a = "RESTRICT";
      } else if (acceptKws("set", "null")) {
        a = "SET NULL";
      } else if (acceptKws("set", "default")) {
        a = "SET DEFAULT";
      } else if (acceptKws("no", "action")) {
        a = "NO ACTION";
      } else {
        throw error("expected a referential action");
      }
      if (!delete) {
        throw new ParseException("ON UPDATE actions are not supported here");
      }
      action = Optional.of(a);
    }
    return action;
  }

  private ColumnDef columnDef() {
    String name = ident();
    TypeName type = type();
    Optional<Expr> def = Optional.empty();
    boolean notNull = false;
    Optional<Generated> gen = Optional.empty();
    List<InlineConstraint> cons = new ArrayList<>();
    while (true) {
      Optional<String> cname = acceptKw("constraint") ? Optional.of(ident()) : Optional.empty();
      if (acceptKw("default")) {
        def = Optional.of(bExpr());
      } else if (acceptKws("not", "null")) {
        notNull = true;
      } else if (acceptKw("null")) {
        notNull = false;
      } else if (acceptKw("check")) {
        expectOp("(");
        Expr e = expr();
        expectOp(")");
        cons.add(new InlineConstraint.Check(cname, e));
      } else if (acceptKw("unique")) {
        cons.add(new InlineConstraint.Unique(cname));
      } else if (acceptKws("primary", "key")) {
        cons.add(new InlineConstraint.PrimaryKey(cname));
      } else if (acceptKw("references")) {
        QualifiedName ref = qname();
        List<String> cols = peekOp("(") ? identList() : List.of();
        cons.add(new InlineConstraint.References(cname, ref, cols, onDelete()));
      } else if (acceptKw("generated")) {
        if (acceptKws("by", "default", "as", "identity")) {
          gen = Optional.of(new Generated.Identity(false));
        } else {
          expectKw("always");
          expectKw("as");
          if (acceptKw("identity")) {
            gen = Optional.of(new Generated.Identity(true));
          } else {
            expectOp("(");
            Expr e = expr();
            expectOp(")");
            Optional<Boolean> stored = Optional.empty();
            if (acceptKw("stored")) {
              stored = Optional.of(true);
            } else if (acceptKw("virtual")) {
              stored = Optional.of(false);
            }
            gen = Optional.of(new Generated.Computed(e, stored));
          }
        }
        if (peekOp("(")) {
          throw error("identity sequence options are not supported here");
        }
      } else if (cname.isPresent()) {
        throw error("expected a constraint after CONSTRAINT name");
      } else {
        break;
      }
    }
    return new ColumnDef(name, type, def, notNull, gen, cons);
  }

  // ---------------------------------------------------------------- types

  private TypeName type() {
    String base;
    List<Integer> mods = new ArrayList<>();
    QualifiedName qn;
    if (acceptKws("double", "precision")) {
      qn = QualifiedName.of("double precision");
    } else if (acceptKw("character") || acceptKw("char")) {
      qn = QualifiedName.of(acceptKw("varying") ? "varchar" : "bpchar");
    } else if (acceptKws("bit", "varying")) {
      qn = QualifiedName.of("varbit");
    } else if (peekKw("timestamp") || peekKw("time")) {
      base = next().text;
      if (acceptOp("(")) {
        mods.add(integer());
        expectOp(")");
      }
      if (acceptKws("with", "time", "zone")) {
        base = base.equals("timestamp") ? "timestamptz" : "timetz";
      } else {
        acceptKws("without", "time", "zone");
      }
      return new TypeName(QualifiedName.of(base), mods, arrayDims());
    } else if (peekKw("interval")) {
      next();
      qn = QualifiedName.of("interval");
    } else {
      qn = qname();
    }
    if (acceptOp("(")) {
      do {
        mods.add(integer());
      } while (acceptOp(","));
      expectOp(")");
    }
    if (qn.name().equals("bpchar") && mods.isEmpty() && qn.schema().isEmpty()) {
      mods.add(1);
    }
    return new TypeName(qn, mods, arrayDims());
  }

  private int arrayDims() {
    int dims = 0;
    while (true) {
      if (acceptOp("[")) {
        if (peek().kind == T.NUMBER) {
          next();
        }
        expectOp("]");
        dims++;
      } else if (acceptKw("array")) {
        dims++;
      } else {
        return dims;
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  /** DEFAULT takes a restricted expression; we accept the full grammar minus AND/OR at top. */
  private Expr bExpr() {
    return additive();
  }

  private Expr expr() {
    return or();
  }

  private Expr or() {
    Expr l = and();
    while (acceptKw("or")) {
      l = new Expr.Binary("OR", l, and());
    }
    return l;
  }

  private Expr and() {
    Expr l = not();
    while (acceptKw("and")) {
      l = new Expr.Binary("AND", l, not());
    }
    return l;
  }

  private Expr not() {
    if (acceptKw("not")) {
      return new Expr.Unary("NOT", not());
    }
    return predicate();
  }

  private Expr predicate() {
    Expr l = additive();
    while (true) {
      if (peek().kind == T.OP
          && Set.of("=", "<>", "!=", "<", ">", "<=", ">=", "~", "~*", "!~", "@>", "<@", "&&")
              .contains(peek().text)) {
        String op = next().text;
        l = new Expr.Binary(op.equals("!=") ? "<>" : op, l, additive());
      } else if (acceptKw("is")) {
        boolean neg = acceptKw("not");
        if (acceptKw("null")) {
          l = new Expr.IsNull(l, neg);
        } else {
          throw error("only IS [NOT] NULL is supported");
        }
      } else if (peekKw("in") || (peekKw("not") && peekKw(1, "in"))) {
        boolean neg = acceptKw("not");
        expectKw("in");
        l = new Expr.InList(l, exprList(), neg);
      } else if (peekKw("between") || (peekKw("not") && peekKw(1, "between"))) {
        boolean neg = acceptKw("not");
        expectKw("between");
        Expr lo = additive();
        expectKw("and");
        l = new Expr.Between(l, lo, additive(), neg);
      } else if (acceptKw("isnull")) {
        l = new Expr.IsNull(l, false);
      } else if (acceptKw("notnull")) {
        l = new Expr.IsNull(l, true);
      } else {
        return l;
      }
    }
  }

  private Expr additive() {
    Expr l = multiplicative();
    while (peek().kind == T.OP && Set.of("+", "-", "||").contains(peek().text)) {
      String op = next().text;
      l = new Expr.Binary(op, l, multiplicative());
    }
    return l;
  }

  private Expr multiplicative() {
    Expr l = unary();
    while (peek().kind == T.OP && Set.of("*", "/", "%").contains(peek().text)) {
      String op = next().text;
      l = new Expr.Binary(op, l, unary());
    }
    return l;
  }

  private Expr unary() {
    if (peekOp("-") || peekOp("+")) {
      String op = next().text;
      Expr e = unary();
      if (op.equals("-") && e instanceof Expr.Literal l && l.kind() == Expr.Literal.Kind.NUMBER) {
        return Expr.Literal.number(
            l.text().startsWith("-") ? l.text().substring(1) : "-" + l.text());
      }
      return op.equals("+") ? e : new Expr.Unary("-", e);
    }
    return postfix();
  }

  private Expr postfix() {
    Expr e = primary();
    while (acceptOp("::")) {
      e = new Expr.Cast(e, type());
    }
    return e;
  }

  private static final Set<String> TYPED_LITERAL_TYPES =
      Set.of("timestamptz", "timestamp", "date", "interval", "uuid", "jsonb", "json", "time");

  private Expr primary() {
    Tok t = peek();
    switch (t.kind) {
      case NUMBER -> {
        i++;
        return Expr.Literal.number(t.text);
      }
      case STRING -> {
        i++;
        return Expr.Literal.string(t.text);
      }
      case OP -> {
        if (acceptOp("(")) {
          Expr e = expr();
          expectOp(")");
          return e;
        }
        throw error("unexpected operator");
      }
      case QIDENT -> {
        return nameOrCall();
      }
      case IDENT -> {
        String w = t.text;
        if (w.equals("true") || w.equals("false")) {
          i++;
          return new Expr.Literal(Expr.Literal.Kind.BOOLEAN, w);
        }
        if (w.equals("null")) {
          i++;
          return new Expr.Literal(Expr.Literal.Kind.NULL, "null");
        }
        if (Expr.ValueFunction.KEYWORDS.contains(w) && !peekOp1("(")) {
          i++;
          if (peekOp("(") && (w.startsWith("current_t") || w.startsWith("localtime"))) {
            throw error("precision arguments are not supported here");
          }
          return new Expr.ValueFunction(w.toUpperCase(Locale.ROOT));
        }
        if (w.equals("cast") && peekOp1("(")) {
          i += 2;
          Expr e = expr();
          expectKw("as");
          TypeName ty = type();
          expectOp(")");
          return new Expr.Cast(e, ty);
        }
        if (w.equals("array") && peek(1).kind == T.OP && peek(1).text.equals("[")) {
          i += 2;
          List<Expr> items = new ArrayList<>();
          if (!peekOp("]")) {
            do {
              items.add(expr());
            } while (acceptOp(","));
          }
          expectOp("]");
          return new Expr.ArrayCtor(items);
        }
        if ((TYPED_LITERAL_TYPES.contains(w) || w.equals("timestamp"))
            && peek(1).kind == T.STRING) {
          TypeName ty = type();
          return new Expr.Cast(Expr.Literal.string(stringLit()), ty);
        }
        if (Set.of("case", "select", "exists", "row").contains(w)) {
          throw error(w.toUpperCase(Locale.ROOT) + " expressions are not supported here");
        }
        return nameOrCall();
      }
      default -> throw error("expected an expression");
    }
  }

  private boolean peekOp1(String op) {
    Tok t = peek(1);
    return t.kind == T.OP && t.text.equals(op);
  }

  private Expr nameOrCall() {
    List<String> parts = new ArrayList<>();
    parts.add(identAny());
    while (acceptOp(".")) {
      parts.add(identAny());
    }
    if (acceptOp("(")) {
      if (parts.size() > 2) {
        throw error("bad function name");
      }
      QualifiedName fn =
          parts.size() == 2
              ? QualifiedName.of(parts.get(0), parts.get(1))
              : QualifiedName.of(parts.get(0));
      List<Expr> args = new ArrayList<>();
      if (!peekOp(")")) {
        if (peekKw("distinct") || peekOp("*")) {
          throw error("aggregate syntax is not supported here");
        }
        do {
          args.add(expr());
        } while (acceptOp(","));
      }
      expectOp(")");
      return new Expr.FunctionCall(fn, args);
    }
    return new Expr.ColumnRef(parts);
  }

  private String identAny() {
    Tok t = next();
    if (t.kind == T.IDENT || t.kind == T.QIDENT) {
      return t.text;
    }
    i--;
    throw error("expected a name");
  }
}

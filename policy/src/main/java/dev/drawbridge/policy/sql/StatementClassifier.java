package dev.drawbridge.policy.sql;

import static dev.drawbridge.policy.sql.StatementClass.DDL;
import static dev.drawbridge.policy.sql.StatementClass.MAINTENANCE;
import static dev.drawbridge.policy.sql.StatementClass.PRIVILEGE;
import static dev.drawbridge.policy.sql.StatementClass.PROCEDURAL;
import static dev.drawbridge.policy.sql.StatementClass.READ;
import static dev.drawbridge.policy.sql.StatementClass.ROLE_CHANGE;
import static dev.drawbridge.policy.sql.StatementClass.SESSION;
import static dev.drawbridge.policy.sql.StatementClass.TRANSACTION;
import static dev.drawbridge.policy.sql.StatementClass.UNKNOWN;
import static dev.drawbridge.policy.sql.StatementClass.WRITE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assigns a statement its {@link StatementClass} from its tokens: leading key words, the few places
 * where a query writes (data-modifying CTEs, locking clauses, {@code SELECT INTO}), the inner
 * statement of EXPLAIN ANALYZE, PREPARE, DECLARE and COPY, and {@code set_config('role', ...)}
 * anywhere. It does not parse; whatever it does not recognise is {@link StatementClass#UNKNOWN}.
 *
 * <p>Stateless and thread-safe.
 */
public final class StatementClassifier {
  private static final int MAX_NESTING = 4;
  private static final int MAX_BODY_NESTING = 2;
  private static final SqlLexer BODY_LEXER = new SqlLexer();

  /** Classifies one statement cut by {@link StatementSplitter}; every EXECUTE is UNKNOWN. */
  public ClassifiedStatement classify(TokenStream tokens, StatementSpan span) {
    return classify(tokens, span, Map.of());
  }

  /**
   * Classifies one statement cut by {@link StatementSplitter}.
   *
   * @param prepared classes of the prepared statements the session holds, by name: {@code EXECUTE
   *     name} takes the class of the statement it runs, and is UNKNOWN for a name not in the map
   */
  public ClassifiedStatement classify(
      TokenStream tokens, StatementSpan span, Map<String, StatementClass> prepared) {
    int from = span.firstToken();
    int to = span.endToken();
    int features = 0;
    int maxParameter = 0;
    boolean setConfig = false;
    boolean roleCall = false;
    StatementClass effect = null;
    List<String> effectFunctions = null;
    for (int i = from; i < to; i++) {
      TokenType t = tokens.type(i);
      features |= LexicalFeature.bit(t);
      if (t == TokenType.PARAMETER) {
        maxParameter = Math.max(maxParameter, tokens.parameterNumber(i));
      } else if (t.isIdentifier() && i + 1 < to && tokens.is(i + 1, TokenType.LEFT_PAREN)) {
        if (isSetConfigCall(tokens, i, to)) {
          setConfig = true;
          roleCall |= setConfigMayChangeRole(tokens, i + 2, to);
        }
        StatementClass e =
            t == TokenType.IDENTIFIER
                ? FunctionEffects.lookup(tokens.chars(), tokens.start(i), tokens.end(i))
                : FunctionEffects.lookup(tokens.identifier(i));
        if (e != null) {
          effect = effect == null || severity(e) > severity(effect) ? e : effect;
          if (effectFunctions == null) {
            effectFunctions = new ArrayList<>(2);
          }
          effectFunctions.add(tokens.identifier(i));
        }
      }
    }
    Work w = new Work(tokens, to, prepared);
    StatementClass c;
    if (span.unterminatedBody()) {
      w.command = "CREATE FUNCTION";
      c = UNKNOWN;
    } else {
      c = w.statement(from, 0);
    }
    if (effect != null
        && (c == READ || c == WRITE)
        && severity(effect) > severity(c)
        && !w.explainOnly) {
      c = effect; // a query calling a built-in with side effects
    }
    if (roleCall) {
      c = ROLE_CHANGE;
    } else if ((c == DDL || c == PRIVILEGE || c == PROCEDURAL) && w.setsRoleInDefinition(from)) {
      c = ROLE_CHANGE;
    } else if (w.opaqueBody && c != UNKNOWN && bodiesChangeRole(tokens, from, to, 0)) {
      c = ROLE_CHANGE;
    }
    return new ClassifiedStatement(
        tokens,
        span,
        c,
        w.command == null ? "" : w.command,
        w.targets == null ? List.of() : List.copyOf(w.targets),
        setConfig,
        maxParameter,
        w.preparedName,
        w.opaqueBody,
        features,
        effectFunctions == null ? List.of() : List.copyOf(effectFunctions));
  }

  /** Order for combining a query's own class with the effects of the functions it calls. */
  private static int severity(StatementClass c) {
    return switch (c) {
      case READ -> 0;
      case WRITE -> 1;
      case DDL -> 2;
      case PROCEDURAL -> 3;
      default -> 4;
    };
  }

  /** An identifier {@code set_config} (folded, or quoted in any case) followed by {@code (}. */
  static boolean isSetConfigCall(TokenStream ts, int i, int to) {
    if (i + 1 >= to || !ts.is(i + 1, TokenType.LEFT_PAREN)) {
      return false;
    }
    if (ts.type(i) == TokenType.IDENTIFIER) {
      return ts.keyword(i) == Keyword.SET_CONFIG;
    }
    return ts.identifier(i).equalsIgnoreCase("set_config");
  }

  /**
   * Whether the first argument, starting at {@code arg}, may name {@code role} or {@code
   * session_authorization}: true unless it is a lone string constant naming another setting.
   */
  static boolean setConfigMayChangeRole(TokenStream ts, int arg, int to) {
    if (arg + 1 >= to || !ts.type(arg).isString() || !ts.is(arg + 1, TokenType.COMMA)) {
      return true;
    }
    TokenType t = ts.type(arg);
    if (t == TokenType.BIT_STRING || t == TokenType.HEX_STRING) {
      return true;
    }
    return isRoleSetting(ts.stringValue(arg));
  }

  private static boolean isRoleSetting(String name) {
    return name.equalsIgnoreCase("role") || name.equalsIgnoreCase("session_authorization");
  }

  /**
   * Looks inside the string constants of a DO block or routine definition (the code bodies) for SET
   * ROLE, SET SESSION AUTHORIZATION, RESET of either, DISCARD ALL or a role-changing set_config,
   * including in string constants within them (dynamic SQL). Best effort: a body that builds such a
   * command from pieces is not found, so such statements still need approval.
   */
  private static boolean bodiesChangeRole(TokenStream ts, int from, int to, int nesting) {
    for (int i = from; i < to; i++) {
      TokenType t = ts.type(i);
      if (t != TokenType.STRING && t != TokenType.DOLLAR_STRING && t != TokenType.ESCAPE_STRING) {
        continue;
      }
      if (bodyChangesRole(ts.stringValue(i), nesting + 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean bodyChangesRole(String body, int nesting) {
    if (nesting > MAX_BODY_NESTING || body.length() < 8) {
      return false;
    }
    TokenStream ts;
    try {
      ts = BODY_LEXER.lex(body);
    } catch (LexicalException e) {
      return false;
    }
    int n = ts.size();
    for (int i = 0; i < n; i++) {
      TokenType t = ts.type(i);
      if (t.isIdentifier()) {
        if (isSetConfigCall(ts, i, n) && setConfigMayChangeRole(ts, i + 2, n)) {
          return true;
        }
        boolean atStart =
            i == 0
                || ts.is(i - 1, TokenType.SEMICOLON)
                || ts.isKeyword(i - 1, Keyword.BEGIN)
                || ts.isKeyword(i - 1, Keyword.THEN)
                || ts.isKeyword(i - 1, Keyword.ELSE)
                || ts.isKeyword(i - 1, Keyword.LOOP);
        if (atStart && commandChangesRole(ts, i, n)) {
          return true;
        }
      }
    }
    return bodiesChangeRole(ts, 0, n, nesting);
  }

  /** SET/RESET ROLE or SESSION AUTHORIZATION, or DISCARD ALL, starting at {@code i}. */
  private static boolean commandChangesRole(TokenStream ts, int i, int to) {
    Keyword k = ts.keyword(i);
    if (k == Keyword.SET) {
      int p = i + 1;
      if (ts.isKeyword(p, Keyword.SESSION) && ts.isKeyword(p + 1, Keyword.AUTHORIZATION)) {
        return true;
      }
      if (ts.isKeyword(p, Keyword.SESSION) || ts.isKeyword(p, Keyword.LOCAL)) {
        p++;
      }
      return namesRoleSetting(ts, p, to);
    }
    if (k == Keyword.RESET) {
      return namesRoleSetting(ts, i + 1, to);
    }
    return k == Keyword.DISCARD && ts.isKeyword(i + 1, Keyword.ALL);
  }

  /** {@code ROLE}, {@code SESSION AUTHORIZATION}, or a (quoted) name of either setting. */
  private static boolean namesRoleSetting(TokenStream ts, int p, int to) {
    if (p >= to) {
      return false;
    }
    if (ts.isKeyword(p, Keyword.ROLE) || ts.isKeyword(p, Keyword.SESSION_AUTHORIZATION)) {
      return true;
    }
    if (ts.isKeyword(p, Keyword.SESSION) && ts.isKeyword(p + 1, Keyword.AUTHORIZATION)) {
      return true;
    }
    TokenType t = ts.type(p);
    return (t == TokenType.QUOTED_IDENTIFIER || t == TokenType.UNICODE_IDENTIFIER)
        && isRoleSetting(ts.identifier(p));
  }

  /** Mutable state of one classification. */
  private static final class Work {
    private final TokenStream ts;
    private final int to;
    private final Map<String, StatementClass> prepared;
    String command;
    List<ObjectName> targets;
    String preparedName;
    boolean opaqueBody;
    boolean explainOnly; // EXPLAIN without ANALYZE: the inner statement does not run

    Work(TokenStream ts, int to, Map<String, StatementClass> prepared) {
      this.ts = ts;
      this.to = to;
      this.prepared = prepared;
    }

    private Keyword kw(int i) {
      return i < to ? ts.keyword(i) : null;
    }

    private boolean isKw(int i, Keyword k) {
      return i < to && ts.isKeyword(i, k);
    }

    private boolean is(int i, TokenType t) {
      return i < to && ts.is(i, t);
    }

    private void command(String c) {
      if (command == null) {
        command = c;
      }
    }

    private void target(ObjectName name) {
      if (name != null) {
        if (targets == null) {
          targets = new ArrayList<>(2);
        }
        targets.add(name);
      }
    }

    StatementClass statement(int from, int nesting) {
      if (from >= to || nesting > MAX_NESTING) {
        command("");
        return UNKNOWN;
      }
      if (ts.is(from, TokenType.LEFT_PAREN)) {
        command("SELECT");
        return query(from);
      }
      Keyword k = kw(from);
      if (k == null) {
        command(ts.type(from).isIdentifier() ? ts.text(from) : "");
        return UNKNOWN;
      }
      switch (k) {
        case SELECT, VALUES, TABLE, WITH -> {
          command(k.text());
          return query(from);
        }
        case INSERT, UPDATE, DELETE, MERGE -> {
          command(k.text());
          dmlTarget(from);
          query(from + 1); // collects targets of CTEs and SELECT INTO-free subqueries
          return WRITE;
        }
        case COPY -> {
          command("COPY");
          return copy(from, nesting);
        }
        case CREATE -> {
          return create(from);
        }
        case ALTER -> {
          return alter(from);
        }
        case DROP -> {
          return drop(from);
        }
        case TRUNCATE -> {
          command("TRUNCATE");
          int p = from + 1;
          if (isKw(p, Keyword.TABLE)) {
            p++;
          }
          names(p, true);
          return DDL;
        }
        case COMMENT, SECURITY, REINDEX, CLUSTER, IMPORT, CHECKPOINT -> {
          command(k == Keyword.SECURITY ? "SECURITY LABEL" : k.text());
          return DDL;
        }
        case REFRESH -> {
          int p = from + 1;
          if (isKw(p, Keyword.MATERIALIZED) && isKw(p + 1, Keyword.VIEW)) {
            command("REFRESH MATERIALIZED VIEW");
            p += 2;
            if (isKw(p, Keyword.CONCURRENTLY)) {
              p++;
            }
            target(name(p));
            return DDL;
          }
          command("REFRESH");
          return UNKNOWN;
        }
        case VACUUM -> {
          command("VACUUM");
          return vacuumFull(from) ? DDL : MAINTENANCE;
        }
        case ANALYZE, ANALYSE -> {
          command("ANALYZE");
          return MAINTENANCE;
        }
        case GRANT, REVOKE -> {
          command(k.text());
          return PRIVILEGE;
        }
        case REASSIGN -> {
          command("REASSIGN OWNED");
          return PRIVILEGE;
        }
        case SET -> {
          return set(from);
        }
        case RESET -> {
          if (namesRoleSetting(ts, from + 1, to)) {
            command(
                namesSessionAuthorization(from + 1) ? "RESET SESSION AUTHORIZATION" : "RESET ROLE");
            return ROLE_CHANGE;
          }
          command("RESET");
          return SESSION;
        }
        case SHOW, LISTEN, UNLISTEN, DEALLOCATE, CLOSE -> {
          command(k.text());
          return SESSION;
        }
        case DISCARD -> {
          command("DISCARD");
          // DISCARD ALL includes SET SESSION AUTHORIZATION DEFAULT: it undoes a SET ROLE
          return isKw(from + 1, Keyword.ALL) ? ROLE_CHANGE : SESSION;
        }
        case NOTIFY -> {
          command("NOTIFY");
          return WRITE;
        }
        case BEGIN, START, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE -> {
          command(k.text());
          if ((k == Keyword.COMMIT || k == Keyword.ROLLBACK) && isKw(from + 1, Keyword.PREPARED)) {
            command = k.text() + " PREPARED";
          }
          return TRANSACTION;
        }
        case PREPARE -> {
          return prepare(from, nesting);
        }
        case EXECUTE -> {
          command("EXECUTE");
          if (from + 1 < to && ts.type(from + 1).isIdentifier()) {
            preparedName = ts.identifier(from + 1);
            StatementClass known = prepared.get(preparedName);
            if (known != null) {
              return known;
            }
          }
          return UNKNOWN;
        }
        case EXPLAIN -> {
          command("EXPLAIN");
          return explain(from, nesting);
        }
        case DO, CALL, LOAD -> {
          command(k.text());
          opaqueBody |= k == Keyword.DO;
          return PROCEDURAL;
        }
        case DECLARE -> {
          command("DECLARE CURSOR");
          return declare(from, nesting);
        }
        case FETCH, MOVE -> {
          command(k.text());
          return READ;
        }
        case LOCK -> {
          command("LOCK TABLE");
          int p = from + 1;
          if (isKw(p, Keyword.TABLE)) {
            p++;
          }
          names(p, true);
          return WRITE;
        }
        default -> {
          command(k.text());
          return UNKNOWN;
        }
      }
    }

    /** SELECT, VALUES, TABLE, WITH, or a parenthesised query: READ unless it writes or locks. */
    private StatementClass query(int from) {
      StatementClass c = READ;
      for (int i = from; i < to; i++) {
        Keyword k = kw(i);
        if (k == null) {
          continue;
        }
        switch (k) {
          case INTO -> {
            c = WRITE;
            if (!isKw(i - 1, Keyword.INSERT) && !isKw(i - 1, Keyword.MERGE)) {
              int p = i + 1;
              while (isKw(p, Keyword.TEMP)
                  || isKw(p, Keyword.TEMPORARY)
                  || isKw(p, Keyword.UNLOGGED)
                  || isKw(p, Keyword.TABLE)
                  || isKw(p, Keyword.LOCAL)
                  || isKw(p, Keyword.GLOBAL)) {
                p++;
              }
              target(name(p));
            }
          }
          case FOR -> {
            if (isKw(i + 1, Keyword.UPDATE)
                || isKw(i + 1, Keyword.SHARE)
                || (isKw(i + 1, Keyword.NO) && isKw(i + 2, Keyword.KEY))
                || (isKw(i + 1, Keyword.KEY) && isKw(i + 2, Keyword.SHARE))) {
              c = WRITE;
              i++;
            }
          }
          case INSERT, UPDATE, DELETE, MERGE -> {
            if (i > from
                && (ts.is(i - 1, TokenType.LEFT_PAREN) || ts.is(i - 1, TokenType.RIGHT_PAREN))) {
              c = WRITE;
              dmlTarget(i);
            }
          }
          default -> {}
        }
      }
      return c;
    }

    /** The relation after INSERT INTO / UPDATE [ONLY] / DELETE FROM [ONLY] / MERGE INTO. */
    private void dmlTarget(int i) {
      int p = i + 1;
      if (isKw(i, Keyword.INSERT) || isKw(i, Keyword.MERGE)) {
        if (!isKw(p, Keyword.INTO)) {
          return;
        }
        p++;
      } else if (isKw(i, Keyword.DELETE)) {
        if (!isKw(p, Keyword.FROM)) {
          return;
        }
        p++;
      }
      if (isKw(p, Keyword.ONLY)) {
        p++;
      }
      target(name(p));
    }

    private StatementClass copy(int from, int nesting) {
      int p = from + 1;
      StatementClass inner = READ;
      if (isKw(p, Keyword.BINARY)) {
        p++;
      }
      if (is(p, TokenType.LEFT_PAREN)) {
        int close = matching(p);
        if (close < 0) {
          return UNKNOWN;
        }
        Work sub = new Work(ts, close, prepared);
        sub.command = "";
        inner = sub.statement(p + 1, nesting + 1);
        if (sub.targets != null) {
          sub.targets.forEach(this::target);
        }
        p = close + 1;
      } else {
        ObjectName table = name(p);
        if (table == null) {
          return UNKNOWN;
        }
        p = afterName(p);
        if (is(p, TokenType.LEFT_PAREN)) {
          p = matching(p);
          if (p < 0) {
            return UNKNOWN;
          }
          p++;
        }
        if (isKw(p, Keyword.FROM)) {
          target(table);
        }
      }
      if (isKw(p, Keyword.FROM)) {
        return isKw(p + 1, Keyword.PROGRAM) ? PROCEDURAL : WRITE;
      }
      if (isKw(p, Keyword.TO)) {
        if (isKw(p + 1, Keyword.PROGRAM)) {
          return PROCEDURAL;
        }
        if (isKw(p + 1, Keyword.STDOUT)) {
          return inner;
        }
        // a file on the server
        return inner == READ ? WRITE : inner;
      }
      return UNKNOWN;
    }

    private StatementClass create(int from) {
      int p = from + 1;
      if (isKw(p, Keyword.OR) && isKw(p + 1, Keyword.REPLACE)) {
        p += 2;
      }
      while (isKw(p, Keyword.TEMP)
          || isKw(p, Keyword.TEMPORARY)
          || isKw(p, Keyword.LOCAL)
          || isKw(p, Keyword.GLOBAL)
          || isKw(p, Keyword.UNLOGGED)
          || isKw(p, Keyword.UNIQUE)
          || isKw(p, Keyword.TRUSTED)
          || isKw(p, Keyword.PROCEDURAL)
          || isKw(p, Keyword.RECURSIVE)
          || (isKw(p, Keyword.CONSTRAINT) && isKw(p + 1, Keyword.TRIGGER))
          || (isKw(p, Keyword.DEFAULT) && !isKw(p + 1, Keyword.PRIVILEGES))) {
        p++;
      }
      if (p >= to || ts.type(p) != TokenType.IDENTIFIER) {
        command("CREATE");
        return UNKNOWN;
      }
      Keyword k = kw(p);
      int after = objectType(p, "CREATE");
      if (k == Keyword.ROLE || k == Keyword.USER || k == Keyword.GROUP) {
        if (k != Keyword.USER || !isKw(p + 1, Keyword.MAPPING)) {
          objectTargets(k, after, false);
        }
        return PRIVILEGE;
      }
      if (k == Keyword.FUNCTION || k == Keyword.PROCEDURE) {
        opaqueBody = true;
      }
      objectTargets(k, after, false);
      if (k == Keyword.SCHEMA && contains(after, Keyword.GRANT)) {
        return PRIVILEGE; // CREATE SCHEMA ... GRANT ...
      }
      return DDL;
    }

    private StatementClass alter(int from) {
      int p = from + 1;
      if (p >= to || ts.type(p) != TokenType.IDENTIFIER) {
        command("ALTER");
        return UNKNOWN;
      }
      Keyword k = kw(p);
      int after = objectType(p, "ALTER");
      if (k == Keyword.ROLE || k == Keyword.USER || k == Keyword.GROUP) {
        if (k != Keyword.USER || !isKw(p + 1, Keyword.MAPPING)) {
          objectTargets(k, after, false);
        }
        return PRIVILEGE;
      }
      if (k == Keyword.DEFAULT) {
        return isKw(p + 1, Keyword.PRIVILEGES) ? PRIVILEGE : UNKNOWN;
      }
      if (k == Keyword.SYSTEM) {
        return DDL;
      }
      if (k == Keyword.FUNCTION || k == Keyword.PROCEDURE || k == Keyword.ROUTINE) {
        opaqueBody = true;
      }
      objectTargets(k, after, false);
      return DDL;
    }

    private StatementClass drop(int from) {
      int p = from + 1;
      if (p >= to || ts.type(p) != TokenType.IDENTIFIER) {
        command("DROP");
        return UNKNOWN;
      }
      Keyword k = kw(p);
      int after = objectType(p, "DROP");
      if (k == Keyword.ROLE || k == Keyword.USER || k == Keyword.GROUP || k == Keyword.OWNED) {
        if (k != Keyword.OWNED && (k != Keyword.USER || !isKw(p + 1, Keyword.MAPPING))) {
          objectTargets(k, after, true);
        }
        return PRIVILEGE;
      }
      objectTargets(k, after, true);
      return DDL;
    }

    /**
     * Reads the object-type words at {@code p} (one word, or a known two- or three-word type), sets
     * the command, and returns the index after them.
     */
    private int objectType(int p, String verb) {
      Keyword k = kw(p);
      int words = 1;
      if (k != null) {
        switch (k) {
          case MATERIALIZED -> words = isKw(p + 1, Keyword.VIEW) ? 2 : 1;
          case FOREIGN -> {
            if (isKw(p + 1, Keyword.TABLE)) {
              words = 2;
            } else if (isKw(p + 1, Keyword.DATA) && isKw(p + 2, Keyword.WRAPPER)) {
              words = 3;
            }
          }
          case EVENT, CONSTRAINT -> words = isKw(p + 1, Keyword.TRIGGER) ? 2 : 1;
          case TEXT -> words = isKw(p + 1, Keyword.SEARCH) && p + 2 < to ? 3 : 1;
          case OPERATOR ->
              words = isKw(p + 1, Keyword.CLASS) || isKw(p + 1, Keyword.FAMILY) ? 2 : 1;
          case ACCESS -> words = isKw(p + 1, Keyword.METHOD) ? 2 : 1;
          case USER -> words = isKw(p + 1, Keyword.MAPPING) ? 2 : 1;
          case LARGE -> words = isKw(p + 1, Keyword.OBJECT) ? 2 : 1;
          case DEFAULT -> words = isKw(p + 1, Keyword.PRIVILEGES) ? 2 : 1;
          default -> {}
        }
      }
      StringBuilder sb = new StringBuilder(verb);
      for (int w = 0; w < words; w++) {
        sb.append(' ').append(upper(p + w));
      }
      command(sb.toString());
      return p + words;
    }

    /** Targets after the object type: skips CONCURRENTLY / IF [NOT] EXISTS / ONLY. */
    private void objectTargets(Keyword type, int p, boolean list) {
      if (isKw(p, Keyword.CONCURRENTLY)) {
        p++;
      }
      if (isKw(p, Keyword.IF)) {
        p += isKw(p + 1, Keyword.NOT) ? 3 : 2;
      }
      if (isKw(p, Keyword.ONLY)) {
        p++;
      }
      boolean onTable =
          type == Keyword.INDEX
              || type == Keyword.TRIGGER
              || type == Keyword.CONSTRAINT
              || type == Keyword.POLICY;
      if (!isKw(p, Keyword.ON)) {
        names(p, list);
      }
      if (type == Keyword.RULE) {
        int t = find(p, Keyword.TO);
        if (t >= 0) {
          target(name(t + 1));
        }
      }
      if (onTable) {
        int on = find(p, Keyword.ON);
        if (on >= 0) {
          int q = on + 1;
          if (isKw(q, Keyword.ONLY)) {
            q++;
          }
          target(name(q));
        }
      }
    }

    /** One name, or a comma-separated list of names, starting at {@code p}. */
    private void names(int p, boolean list) {
      while (true) {
        if (isKw(p, Keyword.ONLY)) {
          p++;
        }
        ObjectName n = name(p);
        if (n == null) {
          return;
        }
        target(n);
        p = afterName(p);
        if (is(p, TokenType.OPERATOR) && ts.text(p).equals("*")) {
          p++;
        }
        if (is(p, TokenType.LEFT_PAREN)) {
          int close = matching(p);
          if (close < 0) {
            return;
          }
          p = close + 1;
        }
        if (!list || !is(p, TokenType.COMMA)) {
          return;
        }
        p++;
      }
    }

    /** The qualified name at {@code p}, or null if there is none. */
    private ObjectName name(int p) {
      if (p >= to || !ts.type(p).isIdentifier()) {
        return null;
      }
      List<String> parts = new ArrayList<>(2);
      parts.add(ts.identifier(p));
      while (is(p + 1, TokenType.DOT) && p + 2 < to && ts.type(p + 2).isIdentifier()) {
        p += 2;
        parts.add(ts.identifier(p));
      }
      return new ObjectName(parts);
    }

    private int afterName(int p) {
      while (is(p + 1, TokenType.DOT) && p + 2 < to && ts.type(p + 2).isIdentifier()) {
        p += 2;
      }
      return p + 1;
    }

    /** Index of the parenthesis closing the one at {@code open}, or -1. */
    private int matching(int open) {
      int depth = 0;
      for (int i = open; i < to; i++) {
        if (ts.is(i, TokenType.LEFT_PAREN)) {
          depth++;
        } else if (ts.is(i, TokenType.RIGHT_PAREN) && --depth == 0) {
          return i;
        }
      }
      return -1;
    }

    /** The first key word {@code k} at parenthesis depth 0 from {@code from}, or -1. */
    private int find(int from, Keyword k) {
      int depth = 0;
      for (int i = from; i < to; i++) {
        if (ts.is(i, TokenType.LEFT_PAREN)) {
          depth++;
        } else if (ts.is(i, TokenType.RIGHT_PAREN)) {
          depth--;
        } else if (depth == 0 && ts.isKeyword(i, k)) {
          return i;
        }
      }
      return -1;
    }

    private boolean contains(int from, Keyword k) {
      for (int i = from; i < to; i++) {
        if (ts.isKeyword(i, k)) {
          return true;
        }
      }
      return false;
    }

    private String upper(int i) {
      Keyword k = kw(i);
      return k != null ? k.text() : ts.identifier(i).toUpperCase(Locale.ROOT);
    }

    private boolean vacuumFull(int from) {
      for (int i = from + 1; i < to; i++) {
        if (!ts.isKeyword(i, Keyword.FULL)) {
          continue;
        }
        boolean option = ts.is(i - 1, TokenType.LEFT_PAREN) || ts.is(i - 1, TokenType.COMMA);
        if (!option || !isFalse(i + 1)) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the option value at {@code p} is a boolean false as PostgreSQL's parse_bool reads it.
     */
    private boolean isFalse(int p) {
      if (p >= to) {
        return false;
      }
      TokenType t = ts.type(p);
      String v;
      if (t == TokenType.IDENTIFIER || t == TokenType.QUOTED_IDENTIFIER) {
        v = ts.identifier(p);
      } else if (t == TokenType.STRING) {
        v = ts.stringValue(p).toLowerCase(Locale.ROOT);
      } else if (t == TokenType.INTEGER) {
        v = ts.text(p);
      } else {
        return false;
      }
      return switch (v) {
        case "false", "fals", "fal", "fa", "f", "off", "of", "no", "n", "0" -> true;
        default -> false;
      };
    }

    private StatementClass set(int from) {
      int p = from + 1;
      if (isKw(p, Keyword.SESSION) && isKw(p + 1, Keyword.CHARACTERISTICS)) {
        command("SET SESSION CHARACTERISTICS");
        return SESSION;
      }
      if (isKw(p, Keyword.SESSION) && isKw(p + 1, Keyword.AUTHORIZATION)) {
        command("SET SESSION AUTHORIZATION");
        return ROLE_CHANGE;
      }
      if (isKw(p, Keyword.SESSION) || isKw(p, Keyword.LOCAL)) {
        p++;
      }
      if (namesRoleSetting(ts, p, to)) {
        command(namesSessionAuthorization(p) ? "SET SESSION AUTHORIZATION" : "SET ROLE");
        return ROLE_CHANGE;
      }
      if (isKw(p, Keyword.TRANSACTION) || isKw(p, Keyword.CONSTRAINTS)) {
        command(isKw(p, Keyword.TRANSACTION) ? "SET TRANSACTION" : "SET CONSTRAINTS");
        return TRANSACTION;
      }
      command("SET");
      return p < to ? SESSION : UNKNOWN;
    }

    /** {@code SESSION [AUTHORIZATION]} or a name spelling {@code session_authorization}. */
    private boolean namesSessionAuthorization(int p) {
      if (isKw(p, Keyword.SESSION) || isKw(p, Keyword.SESSION_AUTHORIZATION)) {
        return true;
      }
      TokenType t = p < to ? ts.type(p) : null;
      return (t == TokenType.QUOTED_IDENTIFIER || t == TokenType.UNICODE_IDENTIFIER)
          && ts.identifier(p).equalsIgnoreCase("session_authorization");
    }

    private StatementClass prepare(int from, int nesting) {
      if (isKw(from + 1, Keyword.TRANSACTION) && from + 2 < to && ts.type(from + 2).isString()) {
        command("PREPARE TRANSACTION");
        return TRANSACTION;
      }
      command("PREPARE");
      if (from + 1 < to && ts.type(from + 1).isIdentifier()) {
        preparedName = ts.identifier(from + 1);
      }
      int as = find(from + 1, Keyword.AS);
      if (as < 0) {
        return UNKNOWN;
      }
      return preparable(statement(as + 1, nesting + 1));
    }

    private StatementClass explain(int from, int nesting) {
      int p = from + 1;
      boolean analyze = false;
      if (is(p, TokenType.LEFT_PAREN)) {
        int close = matching(p);
        if (close < 0) {
          return UNKNOWN;
        }
        int i = p + 1;
        while (i < close) {
          // option name, optional value, then ',' or ')'
          if (ts.type(i).isIdentifier()) {
            String option = ts.identifier(i);
            if (option.equals("analyze") || option.equals("analyse")) {
              boolean hasValue = !ts.is(i + 1, TokenType.COMMA) && i + 1 < close;
              if (!hasValue || !isFalse(i + 1)) {
                analyze = true;
              }
            }
          }
          while (i < close && !ts.is(i, TokenType.COMMA)) {
            i++;
          }
          i++;
        }
        p = close + 1;
      } else {
        while (isKw(p, Keyword.ANALYZE) || isKw(p, Keyword.ANALYSE) || isKw(p, Keyword.VERBOSE)) {
          analyze |= !isKw(p, Keyword.VERBOSE);
          p++;
        }
      }
      StatementClass inner = statement(p, nesting + 1);
      if (inner == UNKNOWN || inner == ROLE_CHANGE) {
        return inner;
      }
      explainOnly |= !analyze;
      return analyze ? inner : READ;
    }

    private StatementClass declare(int from, int nesting) {
      int cursor = find(from + 1, Keyword.CURSOR);
      int f = cursor < 0 ? -1 : find(cursor + 1, Keyword.FOR);
      if (f < 0) {
        return UNKNOWN;
      }
      return preparable(statement(f + 1, nesting + 1));
    }

    /**
     * Only queries and DML can be prepared, declared or copied; anything else is not understood.
     */
    private static StatementClass preparable(StatementClass inner) {
      return inner == READ || inner == WRITE || inner == ROLE_CHANGE ? inner : UNKNOWN;
    }

    /**
     * In CREATE/ALTER statements: a {@code SET role ...} or {@code SET session_authorization ...}
     * clause (function, role or database settings), which changes the role of whatever later runs
     * under it.
     */
    boolean setsRoleInDefinition(int from) {
      if (!isKw(from, Keyword.CREATE) && !isKw(from, Keyword.ALTER)) {
        return false;
      }
      for (int i = from + 1; i < to; i++) {
        if (ts.isKeyword(i, Keyword.SET) || ts.isKeyword(i, Keyword.RESET)) {
          int p = i + 1;
          if (isKw(p, Keyword.SESSION) && isKw(p + 1, Keyword.AUTHORIZATION)) {
            return true;
          }
          if (namesRoleSetting(ts, p, to)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}

package dev.drawbridge.policy.sql;

import java.util.Locale;

/**
 * The words the classifier looks at. Not PostgreSQL's full key-word list: only words whose position
 * decides a statement's class, plus a few function and setting names ({@code set_config}, {@code
 * session_authorization}) that are identifiers to PostgreSQL but matter to the policy. Only
 * unquoted identifiers are matched against this list; a quoted or Unicode-escaped identifier is
 * never a key word.
 */
public enum Keyword {
  ABORT,
  ACCESS,
  AGGREGATE,
  ALL,
  ALTER,
  ANALYSE,
  ANALYZE,
  AS,
  ATOMIC,
  AUTHORIZATION,
  BEGIN,
  BINARY,
  CALL,
  CASCADE,
  CASE,
  CHARACTERISTICS,
  CHECKPOINT,
  CLASS,
  CLOSE,
  CLUSTER,
  COMMENT,
  COMMIT,
  CONCURRENTLY,
  CONFIGURATION,
  CONSTRAINT,
  CONSTRAINTS,
  COPY,
  CREATE,
  CURSOR,
  DATA,
  DEALLOCATE,
  DECLARE,
  DEFAULT,
  DELETE,
  DICTIONARY,
  DISCARD,
  DO,
  DROP,
  ELSE,
  END,
  EVENT,
  EXECUTE,
  EXISTS,
  EXPLAIN,
  FALSE,
  FAMILY,
  FETCH,
  FOR,
  FOREIGN,
  FROM,
  FULL,
  FUNCTION,
  GLOBAL,
  GRANT,
  GROUP,
  IF,
  IMPORT,
  INDEX,
  INSERT,
  INTO,
  KEY,
  LABEL,
  LARGE,
  LISTEN,
  LOAD,
  LOCAL,
  LOCK,
  LOOP,
  MAPPING,
  MATERIALIZED,
  MERGE,
  METHOD,
  MOVE,
  NO,
  NOT,
  NOTIFY,
  OBJECT,
  OFF,
  ON,
  ONLY,
  OPERATOR,
  OR,
  OWNED,
  PARSER,
  PG_CATALOG,
  POLICY,
  PREPARE,
  PREPARED,
  PRIVILEGES,
  PROCEDURAL,
  PROCEDURE,
  PROGRAM,
  REASSIGN,
  RECURSIVE,
  REFRESH,
  REINDEX,
  RELEASE,
  REPLACE,
  RESET,
  RETURNING,
  REVOKE,
  ROLE,
  ROLLBACK,
  ROUTINE,
  RULE,
  SAVEPOINT,
  SCHEMA,
  SEARCH,
  SECURITY,
  SELECT,
  SESSION,
  SESSION_AUTHORIZATION,
  SET,
  SET_CONFIG,
  SHARE,
  SHOW,
  START,
  STDIN,
  STDOUT,
  SYSTEM,
  TABLE,
  TEMP,
  TEMPLATE,
  TEMPORARY,
  TEXT,
  THEN,
  TO,
  TRANSACTION,
  TRIGGER,
  TRUE,
  TRUNCATE,
  TRUSTED,
  UESCAPE,
  UNIQUE,
  UNLISTEN,
  UNLOGGED,
  UPDATE,
  USER,
  USING,
  VACUUM,
  VALUES,
  VERBOSE,
  VIEW,
  WITH,
  WORK,
  WRAPPER;

  private static final Keyword[] ALL_KEYWORDS = values();
  private static final int TABLE_SIZE = 512;
  private static final int MAX_LENGTH;
  private static final char[][] KEYS = new char[TABLE_SIZE][];
  private static final Keyword[] WORDS = new Keyword[TABLE_SIZE];

  static {
    int max = 0;
    for (Keyword k : ALL_KEYWORDS) {
      char[] text = k.name().toLowerCase(Locale.ROOT).toCharArray();
      max = Math.max(max, text.length);
      int slot = hash(text, 0, text.length) & (TABLE_SIZE - 1);
      while (KEYS[slot] != null) {
        slot = (slot + 1) & (TABLE_SIZE - 1);
      }
      KEYS[slot] = text;
      WORDS[slot] = k;
    }
    MAX_LENGTH = max;
  }

  static Keyword of(int ordinal) {
    return ALL_KEYWORDS[ordinal];
  }

  private static int hash(char[] s, int from, int to) {
    int h = to - from;
    for (int i = from; i < to; i++) {
      h = 31 * h + (s[i] | 0x20);
    }
    return h ^ (h >>> 9);
  }

  /**
   * Looks up the unquoted identifier {@code s[from, to)} ignoring ASCII case, without allocating.
   *
   * @return the key word, or {@code null}
   */
  static Keyword lookup(char[] s, int from, int to) {
    int len = to - from;
    if (len < 2 || len > MAX_LENGTH) {
      return null;
    }
    int slot = hash(s, from, to) & (TABLE_SIZE - 1);
    char[] key;
    while ((key = KEYS[slot]) != null) {
      if (key.length == len && equalsFolded(key, s, from)) {
        return WORDS[slot];
      }
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    return null;
  }

  private static boolean equalsFolded(char[] key, char[] s, int from) {
    for (int i = 0; i < key.length; i++) {
      char c = s[from + i];
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** The word as PostgreSQL spells it in upper case, e.g. {@code "SET_CONFIG"}. */
  public String text() {
    return name();
  }
}

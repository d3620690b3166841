package dev.drawbridge.policy.sql;

import java.util.Locale;
import java.util.Map;

/**
 * Built-in PostgreSQL functions whose call makes a query more than a read. A {@code SELECT} that
 * calls one of them takes the class listed here: changing sequence or lock state, large objects or
 * notifying other sessions is WRITE; administering the server (ending backends, reloading
 * configuration, WAL and replication control, resetting statistics) is DDL, like ALTER SYSTEM;
 * reaching outside the database (server files, other servers through dblink) is PROCEDURAL.
 *
 * <p>This covers built-ins only. User-defined functions with side effects are invisible to a
 * lexical classifier; judging them needs catalog facts (volatility, language, owner).
 */
final class FunctionEffects {
  private static final Map<String, StatementClass> EFFECTS = build();
  private static final int TABLE_SIZE = 256;
  private static final char[][] KEYS = new char[TABLE_SIZE][];
  private static final StatementClass[] VALUES = new StatementClass[TABLE_SIZE];
  private static final int MAX_LENGTH;

  static {
    int max = 0;
    for (Map.Entry<String, StatementClass> e : EFFECTS.entrySet()) {
      char[] key = e.getKey().toCharArray();
      max = Math.max(max, key.length);
      int slot = hash(key, 0, key.length) & (TABLE_SIZE - 1);
      while (KEYS[slot] != null) {
        slot = (slot + 1) & (TABLE_SIZE - 1);
      }
      KEYS[slot] = key;
      VALUES[slot] = e.getValue();
    }
    MAX_LENGTH = max;
  }

  private FunctionEffects() {}

  private static Map<String, StatementClass> build() {
    Map<String, StatementClass> m = new java.util.HashMap<>();
    for (String f :
        new String[] {
          "nextval",
          "setval",
          "pg_advisory_lock",
          "pg_advisory_lock_shared",
          "pg_advisory_xact_lock",
          "pg_advisory_xact_lock_shared",
          "pg_try_advisory_lock",
          "pg_try_advisory_lock_shared",
          "pg_try_advisory_xact_lock",
          "pg_try_advisory_xact_lock_shared",
          "pg_notify",
          "lo_create",
          "lo_creat",
          "lo_unlink",
          "lo_put",
          "lo_from_bytea",
          "lowrite",
          "lo_truncate",
          "lo_truncate64"
        }) {
      m.put(f, StatementClass.WRITE);
    }
    for (String f :
        new String[] {
          "pg_terminate_backend",
          "pg_cancel_backend",
          "pg_reload_conf",
          "pg_rotate_logfile",
          "pg_switch_wal",
          "pg_create_restore_point",
          "pg_promote",
          "pg_backup_start",
          "pg_backup_stop",
          "pg_wal_replay_pause",
          "pg_wal_replay_resume",
          "pg_create_physical_replication_slot",
          "pg_create_logical_replication_slot",
          "pg_drop_replication_slot",
          "pg_copy_physical_replication_slot",
          "pg_copy_logical_replication_slot",
          "pg_replication_slot_advance",
          "pg_replication_origin_create",
          "pg_replication_origin_drop",
          "pg_logical_emit_message",
          "pg_stat_reset",
          "pg_stat_reset_shared",
          "pg_stat_reset_single_table_counters",
          "pg_stat_reset_single_function_counters",
          "pg_stat_reset_slru",
          "pg_stat_reset_replication_slot",
          "pg_stat_reset_subscription_stats",
          "pg_log_backend_memory_contexts",
          "pg_import_system_collations"
        }) {
      m.put(f, StatementClass.DDL);
    }
    for (String f :
        new String[] {
          "pg_read_file",
          "pg_read_binary_file",
          "pg_ls_dir",
          "pg_stat_file",
          "pg_ls_logdir",
          "pg_ls_waldir",
          "pg_ls_tmpdir",
          "pg_ls_archive_statusdir",
          "pg_ls_logicalmapdir",
          "pg_ls_logicalsnapdir",
          "pg_ls_replslotdir",
          "lo_import",
          "lo_export",
          "pg_file_write",
          "pg_file_rename",
          "pg_file_unlink",
          "pg_file_sync",
          "dblink",
          "dblink_exec",
          "dblink_connect",
          "dblink_connect_u",
          "dblink_open",
          "dblink_send_query",
          "dblink_fetch"
        }) {
      m.put(f, StatementClass.PROCEDURAL);
    }
    return Map.copyOf(m);
  }

  private static int hash(char[] s, int from, int to) {
    int h = to - from;
    for (int i = from; i < to; i++) {
      h = 31 * h + (s[i] | 0x20);
    }
    return h ^ (h >>> 7);
  }

  /** The effect of calling the unquoted identifier {@code s[from, to)}, or null; no allocation. */
  static StatementClass lookup(char[] s, int from, int to) {
    int len = to - from;
    if (len < 6 || len > MAX_LENGTH) {
      return null;
    }
    int slot = hash(s, from, to) & (TABLE_SIZE - 1);
    char[] key;
    while ((key = KEYS[slot]) != null) {
      if (key.length == len && equalsFolded(key, s, from)) {
        return VALUES[slot];
      }
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    return null;
  }

  /** The effect of calling a function with this (decoded) name, ignoring case, or null. */
  static StatementClass lookup(String name) {
    return EFFECTS.get(name.toLowerCase(Locale.ROOT));
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
}

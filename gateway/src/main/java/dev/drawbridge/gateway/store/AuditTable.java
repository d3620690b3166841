package dev.drawbridge.gateway.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code audit_events} table. Only appends and reads: nothing here updates or deletes, and the
 * chain's integrity is checked by whoever reads it ({@code dev.drawbridge.gateway.audit}).
 */
public final class AuditTable {

  private static final String COLUMNS =
      "gateway_id, seq, occurred_at, event_type, actor, session_id, database_name, decision,"
          + " rule, tables, details, prev_hash, hash";

  private final Connection c;

  AuditTable(Connection c) {
    this.c = c;
  }

  /** Appends rows in one batch (the caller's transaction commits them together). */
  public void append(List<AuditRow> rows) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_events ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditRow r : rows) {
        ps.setString(1, r.gatewayId());
        ps.setLong(2, r.seq());
        Rows.setTimestamp(ps, 3, r.occurredAt());
        ps.setString(4, r.type());
        ps.setString(5, r.actor());
        ps.setString(6, r.sessionId());
        ps.setString(7, r.database());
        ps.setString(8, r.decision());
        ps.setString(9, r.rule());
        ps.setArray(10, c.createArrayOf("text", r.tables().toArray()));
        ps.setString(11, r.details());
        ps.setString(12, r.prevHash());
        ps.setString(13, r.hash());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The last row of a gateway's chain, if it has any. */
  public Optional<AuditRow> last(String gatewayId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM audit_events WHERE gateway_id = ? ORDER BY seq DESC LIMIT 1")) {
      ps.setString(1, gatewayId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** The gateways that have a chain. */
  public List<String> chains() throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT DISTINCT gateway_id FROM audit_events ORDER BY 1");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Every row of one chain in stored order of seq, streamed to {@code each}. */
  public void scan(String gatewayId, Consumer<AuditRow> each) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM audit_events WHERE gateway_id = ? ORDER BY seq")) {
      ps.setFetchSize(1000);
      ps.setString(1, gatewayId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          each.accept(row(rs));
        }
      }
    }
  }

  /** Rows matching the filter, oldest first. */
  public List<AuditRow> search(AuditFilter f) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE true");
    List<Object> args = new ArrayList<>();
    f.actor().ifPresent(v -> where(sql, args, " AND actor = ?", v));
    f.sessionId().ifPresent(v -> where(sql, args, " AND session_id = ?", v));
    f.database().ifPresent(v -> where(sql, args, " AND database_name = ?", v));
    f.table().ifPresent(v -> where(sql, args, " AND tables @> ARRAY[?]::text[]", v));
    f.decision().ifPresent(v -> where(sql, args, " AND decision = ?", v));
    f.rule().ifPresent(v -> where(sql, args, " AND rule = ?", v));
    f.type().ifPresent(v -> where(sql, args, " AND event_type = ?", v));
    f.from().ifPresent(v -> where(sql, args, " AND occurred_at >= ?", Rows.timestamp(v)));
    f.to().ifPresent(v -> where(sql, args, " AND occurred_at < ?", Rows.timestamp(v)));
    sql.append(" ORDER BY occurred_at, gateway_id, seq LIMIT ").append(f.limit());
    List<AuditRow> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    }
    return out;
  }

  private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
    sql.append(clause);
    args.add(value);
  }

  private static AuditRow row(ResultSet rs) throws SQLException {
    Array tables = rs.getArray("tables");
    List<String> names = tables == null ? List.of() : Arrays.asList((String[]) tables.getArray());
    long seq = rs.getLong("seq");
    return new AuditRow(
        rs.getString("gateway_id"),
        seq,
        Rows.instant(rs, "occurred_at"),
        rs.getString("event_type"),
        rs.getString("actor"),
        rs.getString("session_id"),
        rs.getString("database_name"),
        rs.getString("decision"),
        rs.getString("rule"),
        names,
        rs.getString("details"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}

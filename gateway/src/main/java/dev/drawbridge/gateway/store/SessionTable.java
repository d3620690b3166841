package dev.drawbridge.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code sessions} table: live client sessions of every gateway sharing the store. */
public final class SessionTable {

  private final Connection c;

  SessionTable(Connection c) {
    this.c = c;
  }

  public void insert(SessionRecord s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sessions (id, gateway_id, user_name, database_name, client_address,"
                + " application, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, s.id());
      ps.setString(2, s.gatewayId());
      ps.setString(3, s.user());
      ps.setString(4, s.database());
      ps.setString(5, s.clientAddress().orElse(null));
      ps.setString(6, s.application().orElse(null));
      Rows.setTimestamp(ps, 7, s.startedAt());
      Rows.setTimestamp(ps, 8, s.endedAt().orElse(null));
      ps.executeUpdate();
    }
  }

  /**
   * Records the end of a live session.
   *
   * @return true when it was live
   */
  public boolean end(String id, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL")) {
      Rows.setTimestamp(ps, 1, now);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Ends every session a gateway instance left live (it restarted, so they are gone).
   *
   * @return how many were ended
   */
  public int endAllOf(String gatewayId, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE sessions SET ended_at = ? WHERE gateway_id = ? AND ended_at IS NULL")) {
      Rows.setTimestamp(ps, 1, now);
      ps.setString(2, gatewayId);
      return ps.executeUpdate();
    }
  }

  /** Live sessions, of one gateway or of all, oldest first. */
  public List<SessionRecord> live(Optional<String> gatewayId) throws SQLException {
    String sql =
        "SELECT id, gateway_id, user_name, database_name, client_address, application,"
            + " started_at, ended_at FROM sessions WHERE ended_at IS NULL"
            + (gatewayId.isPresent() ? " AND gateway_id = ?" : "")
            + " ORDER BY started_at, id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (gatewayId.isPresent()) {
        ps.setString(1, gatewayId.get());
      }
      List<SessionRecord> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new SessionRecord(
                  rs.getString("id"),
                  rs.getString("gateway_id"),
                  rs.getString("user_name"),
                  rs.getString("database_name"),
                  Rows.optionalString(rs, "client_address"),
                  Rows.optionalString(rs, "application"),
                  Rows.instant(rs, "started_at"),
                  Rows.optionalInstant(rs, "ended_at")));
        }
      }
      return rows;
    }
  }
}

package dev.drawbridge.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code approvals} table, seen through one transaction's connection. */
public final class ApprovalTable {

  private final Connection c;

  ApprovalTable(Connection c) {
    this.c = c;
  }

  /**
   * Records a decision unless this approver already decided on this request.
   *
   * @return true when it was recorded
   */
  public boolean insertIfAbsent(ApprovalRecord a) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO approvals (request_id, approver, decision, comment, window_seconds,"
                + " decided_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, a.requestId());
      ps.setString(2, a.approver());
      ps.setString(3, a.decision().label());
      ps.setString(4, a.comment());
      ps.setObject(5, a.window().map(w -> w.toSeconds()).orElse(null));
      Rows.setTimestamp(ps, 6, a.decidedAt());
      return ps.executeUpdate() == 1;
    }
  }

  /** Every decision on a request, oldest first. */
  public List<ApprovalRecord> forRequest(String requestId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT request_id, approver, decision, comment, window_seconds, decided_at"
                + " FROM approvals WHERE request_id = ? ORDER BY decided_at, approver")) {
      ps.setString(1, requestId);
      List<ApprovalRecord> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new ApprovalRecord(
                  rs.getString("request_id"),
                  rs.getString("approver"),
                  Decision.parse(rs.getString("decision")),
                  rs.getString("comment"),
                  Rows.optionalSeconds(rs, "window_seconds"),
                  Rows.instant(rs, "decided_at")));
        }
      }
      return rows;
    }
  }
}

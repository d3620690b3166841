package dev.drawbridge.gateway.store;

import dev.drawbridge.policy.access.PrincipalKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code change_requests} table, seen through one transaction's connection. */
public final class ChangeRequestTable {

  private static final String COLUMNS =
      "id, kind, requester, requester_kind, database_name, reason, statement, fingerprint,"
          + " plan::text AS plan, risk::text AS risk, facts::text AS facts, access_level,"
          + " requested_seconds, status, approvals_required, created_at, updated_at,"
          + " pending_until";

  private final Connection c;

  ChangeRequestTable(Connection c) {
    this.c = c;
  }

  /**
   * Inserts the request unless it clashes with an existing id or with an open request for the same
   * thing (the partial unique indexes).
   *
   * @return true when the row was inserted
   */
  public boolean insertIfAbsent(ChangeRequestRecord r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO change_requests (id, kind, requester, requester_kind, database_name,"
                + " reason, statement, fingerprint, plan, risk, facts, access_level,"
                + " requested_seconds, status, approvals_required, created_at, updated_at,"
                + " pending_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb,"
                + " ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, r.id());
      ps.setString(2, r.subject().kind());
      ps.setString(3, r.requester());
      ps.setString(4, r.requesterKind().name().toLowerCase(Locale.ROOT));
      ps.setString(5, r.database());
      ps.setString(6, r.reason());
      switch (r.subject()) {
        case RequestSubject.StatementChange s -> {
          ps.setString(7, s.statement());
          ps.setString(8, s.fingerprint());
          ps.setString(9, s.planJson());
          ps.setString(10, s.riskJson());
          ps.setString(11, s.factsJson());
          ps.setString(12, null);
          ps.setObject(13, null);
        }
        case RequestSubject.Elevation e -> {
          for (int i = 7; i <= 11; i++) {
            ps.setString(i, null);
          }
          ps.setString(12, e.level().label());
          ps.setLong(13, e.duration().toSeconds());
        }
      }
      ps.setString(14, r.status().label());
      ps.setInt(15, r.approvalsRequired());
      Rows.setTimestamp(ps, 16, r.createdAt());
      Rows.setTimestamp(ps, 17, r.updatedAt());
      Rows.setTimestamp(ps, 18, r.pendingUntil());
      return ps.executeUpdate() == 1;
    }
  }

  /** The request with this id. */
  public Optional<ChangeRequestRecord> find(String id) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM change_requests WHERE id = ?", id);
  }

  /** The request with this id, locked until the transaction ends. */
  public Optional<ChangeRequestRecord> lock(String id) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM change_requests WHERE id = ? FOR UPDATE", id);
  }

  /** The open (pending or approved) statement request for the same requester, database, plan. */
  public Optional<ChangeRequestRecord> findOpenStatement(
      String requester, String database, String fingerprint) throws SQLException {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM change_requests WHERE kind = 'statement' AND status IN ('pending',"
            + " 'approved') AND requester = ? AND database_name = ? AND fingerprint = ?",
        requester,
        database,
        fingerprint);
  }

  /** The pending elevation request for the same requester, database and level. */
  public Optional<ChangeRequestRecord> findPendingElevation(
      String requester, String database, AccessLevel level) throws SQLException {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM change_requests WHERE kind = 'elevation' AND status = 'pending'"
            + " AND requester = ? AND database_name = ? AND access_level = ?",
        requester,
        database,
        level.label());
  }

  /**
   * Moves the request to {@code to} if it is in {@code from} now.
   *
   * @return true when it moved
   */
  public boolean updateStatus(String id, RequestStatus from, RequestStatus to, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE change_requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
      ps.setString(1, to.label());
      Rows.setTimestamp(ps, 2, now);
      ps.setString(3, id);
      ps.setString(4, from.label());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Marks this request expired if it is pending past its deadline.
   *
   * @return true when it was
   */
  public boolean expireIfOverdue(String id, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE change_requests SET status = 'expired', updated_at = ? WHERE id = ? AND"
                + " status = 'pending' AND pending_until <= ?")) {
      Rows.setTimestamp(ps, 1, now);
      ps.setString(2, id);
      Rows.setTimestamp(ps, 3, now);
      return ps.executeUpdate() == 1;
    }
  }

  /** Marks pending requests past their deadline expired; returns their ids. */
  public List<String> expirePending(Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE change_requests SET status = 'expired', updated_at = ? WHERE status ="
                + " 'pending' AND pending_until <= ? RETURNING id")) {
      Rows.setTimestamp(ps, 1, now);
      Rows.setTimestamp(ps, 2, now);
      return ids(ps);
    }
  }

  /** Marks approved requests whose grant window has closed expired; returns their ids. */
  public List<String> expireApprovedWithClosedGrant(Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE change_requests r SET status = 'expired', updated_at = ? FROM grants g"
                + " WHERE g.request_id = r.id AND r.status = 'approved' AND g.expires_at <= ?"
                + " RETURNING r.id")) {
      Rows.setTimestamp(ps, 1, now);
      Rows.setTimestamp(ps, 2, now);
      return ids(ps);
    }
  }

  /** Requests matching the filter, newest first. */
  public List<ChangeRequestRecord> list(RequestFilter f) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM change_requests WHERE true");
    List<String> args = new ArrayList<>();
    f.status()
        .ifPresent(
            s -> {
              sql.append(" AND status = ?");
              args.add(s.label());
            });
    f.requester()
        .ifPresent(
            r -> {
              sql.append(" AND requester = ?");
              args.add(r);
            });
    f.database()
        .ifPresent(
            d -> {
              sql.append(" AND database_name = ?");
              args.add(d);
            });
    f.kind()
        .ifPresent(
            k -> {
              sql.append(" AND kind = ?");
              args.add(k);
            });
    sql.append(" ORDER BY created_at DESC, id LIMIT ").append(f.limit());
    return many(sql.toString(), args.toArray(String[]::new));
  }

  private Optional<ChangeRequestRecord> one(String sql, String... args) throws SQLException {
    List<ChangeRequestRecord> rows = many(sql, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private List<ChangeRequestRecord> many(String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<ChangeRequestRecord> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(read(rs));
        }
      }
      return rows;
    }
  }

  private static List<String> ids(PreparedStatement ps) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static ChangeRequestRecord read(ResultSet rs) throws SQLException {
    RequestSubject subject =
        switch (rs.getString("kind")) {
          case "statement" ->
              new RequestSubject.StatementChange(
                  rs.getString("statement"),
                  rs.getString("fingerprint"),
                  rs.getString("plan"),
                  rs.getString("risk"),
                  rs.getString("facts"));
          case "elevation" ->
              new RequestSubject.Elevation(
                  AccessLevel.parse(rs.getString("access_level")),
                  Duration.ofSeconds(rs.getLong("requested_seconds")));
          default -> throw new SQLException("unknown request kind " + rs.getString("kind"));
        };
    return new ChangeRequestRecord(
        rs.getString("id"),
        rs.getString("requester"),
        PrincipalKind.valueOf(rs.getString("requester_kind").toUpperCase(Locale.ROOT)),
        rs.getString("database_name"),
        rs.getString("reason"),
        subject,
        RequestStatus.parse(rs.getString("status")),
        rs.getInt("approvals_required"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"),
        Rows.instant(rs, "pending_until"));
  }
}

package dev.drawbridge.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code grants} table, seen through one transaction's connection. */
public final class GrantTable {

  private static final String COLUMNS =
      "id, subject, database_name, fingerprint, access_level, not_before, expires_at,"
          + " revoked_at, revoked_by, expired_at, used_at, use_count, request_id, created_at";

  /** Within the window at ? (twice) and not revoked. */
  private static final String ACTIVE = " revoked_at IS NULL AND not_before <= ? AND expires_at > ?";

  private final Connection c;

  GrantTable(Connection c) {
    this.c = c;
  }

  /**
   * Records a grant. The request id is unique: a second grant for the same request fails.
   *
   * @return true when it was recorded, false when the request already has a grant
   */
  public boolean insertIfAbsent(GrantRecord g) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO grants (id, subject, database_name, fingerprint, access_level,"
                + " not_before, expires_at, use_count, request_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (request_id) DO NOTHING")) {
      ps.setString(1, g.id());
      ps.setString(2, g.subject());
      ps.setString(3, g.database());
      switch (g.scope()) {
        case GrantScope.Plan p -> {
          ps.setString(4, p.fingerprint());
          ps.setString(5, null);
        }
        case GrantScope.Access a -> {
          ps.setString(4, null);
          ps.setString(5, a.level().label());
        }
      }
      Rows.setTimestamp(ps, 6, g.notBefore());
      Rows.setTimestamp(ps, 7, g.expiresAt());
      ps.setString(8, g.requestId());
      Rows.setTimestamp(ps, 9, g.createdAt());
      return ps.executeUpdate() == 1;
    }
  }

  public Optional<GrantRecord> find(String id) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM grants WHERE id = ?", List.of(id));
  }

  /** The grant with this id, locked until the transaction ends. */
  public Optional<GrantRecord> lock(String id) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM grants WHERE id = ? FOR UPDATE", List.of(id));
  }

  public Optional<GrantRecord> forRequest(String requestId) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM grants WHERE request_id = ?", List.of(requestId));
  }

  /**
   * The unused plan grant for this subject, database and fingerprint that is active at {@code now};
   * the one that lasts longest when there are several.
   */
  public Optional<GrantRecord> usablePlan(
      String subject, String database, String fingerprint, Instant now) throws SQLException {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM grants WHERE subject = ? AND database_name = ? AND fingerprint = ?"
            + " AND use_count = 0 AND"
            + ACTIVE
            + " ORDER BY expires_at DESC, id LIMIT 1",
        List.of(subject, database, fingerprint, now, now));
  }

  /**
   * The strongest access grant for this subject and database active at {@code now}; of equal
   * levels, the one that lasts longest.
   */
  public Optional<GrantRecord> activeAccess(String subject, String database, Instant now)
      throws SQLException {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM grants WHERE subject = ? AND database_name = ? AND access_level IS NOT NULL"
            + " AND"
            + ACTIVE
            + " ORDER BY CASE access_level WHEN 'ddl' THEN 3 WHEN 'write' THEN 2 ELSE 1 END DESC,"
            + " expires_at DESC, id LIMIT 1",
        List.of(subject, database, now, now));
  }

  /**
   * Counts one use if the grant is active at {@code now} and, for a plan grant, not used yet.
   *
   * @return true when the use was counted
   */
  public boolean markUsed(String id, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE grants SET use_count = use_count + 1, used_at = coalesce(used_at, ?)"
                + " WHERE id = ? AND (fingerprint IS NULL OR use_count = 0) AND"
                + ACTIVE)) {
      Rows.setTimestamp(ps, 1, now);
      ps.setString(2, id);
      Rows.setTimestamp(ps, 3, now);
      Rows.setTimestamp(ps, 4, now);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Revokes the grant if nobody has yet.
   *
   * @return true when this call revoked it
   */
  public boolean revoke(String id, String by, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE grants SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS"
                + " NULL")) {
      Rows.setTimestamp(ps, 1, now);
      ps.setString(2, by);
      ps.setString(3, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Records that the window closed for grants not marked yet; returns their ids. */
  public List<String> markExpired(Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE grants SET expired_at = ? WHERE expired_at IS NULL AND expires_at <= ?"
                + " RETURNING id")) {
      Rows.setTimestamp(ps, 1, now);
      Rows.setTimestamp(ps, 2, now);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  /** Grants matching the filter, newest first. */
  public List<GrantRecord> list(GrantFilter f) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM grants WHERE true");
    List<Object> args = new ArrayList<>();
    f.subject()
        .ifPresent(
            s -> {
              sql.append(" AND subject = ?");
              args.add(s);
            });
    f.database()
        .ifPresent(
            d -> {
              sql.append(" AND database_name = ?");
              args.add(d);
            });
    f.activeAt()
        .ifPresent(
            now -> {
              sql.append(" AND").append(ACTIVE);
              args.add(now);
              args.add(now);
            });
    sql.append(" ORDER BY created_at DESC, id LIMIT ").append(f.limit());
    return many(sql.toString(), args);
  }

  private Optional<GrantRecord> one(String sql, List<Object> args) throws SQLException {
    List<GrantRecord> rows = many(sql, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private List<GrantRecord> many(String sql, List<Object> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof Instant t) {
          Rows.setTimestamp(ps, i + 1, t);
        } else {
          ps.setString(i + 1, (String) a);
        }
      }
      List<GrantRecord> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(read(rs));
        }
      }
      return rows;
    }
  }

  private static GrantRecord read(ResultSet rs) throws SQLException {
    String fingerprint = rs.getString("fingerprint");
    GrantScope scope =
        fingerprint != null
            ? new GrantScope.Plan(fingerprint)
            : new GrantScope.Access(AccessLevel.parse(rs.getString("access_level")));
    return new GrantRecord(
        rs.getString("id"),
        rs.getString("subject"),
        rs.getString("database_name"),
        scope,
        Rows.instant(rs, "not_before"),
        Rows.instant(rs, "expires_at"),
        Rows.optionalInstant(rs, "revoked_at"),
        Rows.optionalString(rs, "revoked_by"),
        Rows.optionalInstant(rs, "expired_at"),
        Rows.optionalInstant(rs, "used_at"),
        rs.getInt("use_count"),
        rs.getString("request_id"),
        Rows.instant(rs, "created_at"));
  }
}

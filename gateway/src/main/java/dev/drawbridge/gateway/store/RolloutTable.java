package dev.drawbridge.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code rollouts} and {@code rollout_steps} tables, seen through one transaction's connection.
 * Methods named {@code asHolder…} change a rollout only while the given gateway holds its lease:
 * they return false once another gateway has taken it over, and the caller must stop.
 */
public final class RolloutTable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final String COLUMNS =
      "id, request_id, grant_id, database_name, requester, fingerprint, status, requested, holder,"
          + " lease_until, message, created_at, updated_at, finished_at";

  private static final String STEP_COLUMNS =
      "rollout_id, number, kind, description, statements::text AS statements,"
          + " rollback::text AS rollback, transactional, backfill::text AS backfill,"
          + " indexes::text AS indexes, status, attempts, checkpoint, batch_size, rows_done,"
          + " rows_total, batches, xid, started_at, finished_at, message";

  /** Only the lease holder may write: the {@code rollouts} row names it. */
  private static final String HELD = " AND holder = ?";

  private final Connection c;

  RolloutTable(Connection c) {
    this.c = c;
  }

  /**
   * Inserts a rollout with its steps, unless its request already has one.
   *
   * @return true when inserted
   */
  public boolean insert(RolloutRecord r, List<RolloutStepRecord> steps) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO rollouts (id, request_id, grant_id, database_name, requester, fingerprint,"
                + " status, requested, message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, r.id());
      ps.setString(2, r.requestId());
      ps.setString(3, r.grantId().orElse(null));
      ps.setString(4, r.database());
      ps.setString(5, r.requester());
      ps.setString(6, r.fingerprint());
      ps.setString(7, r.status().label());
      ps.setString(8, r.requested().label());
      ps.setString(9, r.message());
      Rows.setTimestamp(ps, 10, r.createdAt());
      Rows.setTimestamp(ps, 11, r.updatedAt());
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO rollout_steps (rollout_id, number, kind, description, statements,"
                + " rollback, transactional, backfill, indexes) VALUES (?, ?, ?, ?, ?::jsonb,"
                + " ?::jsonb, ?, ?::jsonb, ?::jsonb)")) {
      for (RolloutStepRecord s : steps) {
        ps.setString(1, r.id());
        ps.setInt(2, s.number());
        ps.setString(3, s.kind());
        ps.setString(4, s.description());
        ps.setString(5, json(s.statements()));
        ps.setString(6, json(s.rollback()));
        ps.setBoolean(7, s.transactional());
        ps.setString(8, s.backfillJson().orElse(null));
        ps.setString(9, json(s.indexes()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return true;
  }

  public Optional<RolloutRecord> find(String id) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM rollouts WHERE id = ?", id);
  }

  /** The rollout, locked until the transaction ends. */
  public Optional<RolloutRecord> lock(String id) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM rollouts WHERE id = ? FOR UPDATE", id);
  }

  public Optional<RolloutRecord> forRequest(String requestId) throws SQLException {
    return one("SELECT " + COLUMNS + " FROM rollouts WHERE request_id = ?", requestId);
  }

  /** Rollouts, newest first; only {@code requester}'s when given. */
  public List<RolloutRecord> list(Optional<String> requester, int limit) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM rollouts"
            + (requester.isPresent() ? " WHERE requester = ?" : "")
            + " ORDER BY created_at DESC, id LIMIT "
            + Math.max(1, limit);
    return requester.isPresent() ? many(sql, requester.get()) : many(sql);
  }

  /** Rollouts that should run and whose lease is free or lapsed at {@code now}. */
  public List<String> claimable(Instant now) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM rollouts WHERE status IN ('queued', 'running', 'rolling-back') AND"
                + " (holder IS NULL OR lease_until <= ?) ORDER BY created_at")) {
      Rows.setTimestamp(ps, 1, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  /**
   * Takes the lease when it is free, lapsed at {@code now}, or already {@code holder}'s; a queued
   * rollout becomes running.
   *
   * @return true when {@code holder} now holds it
   */
  public boolean claim(String id, String holder, Instant now, Instant until) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rollouts SET holder = ?, lease_until = ?, updated_at = ?, status = CASE WHEN"
                + " status = 'queued' THEN 'running' ELSE status END WHERE id = ? AND status IN"
                + " ('queued', 'running', 'rolling-back') AND (holder IS NULL OR holder = ? OR"
                + " lease_until <= ?)")) {
      ps.setString(1, holder);
      Rows.setTimestamp(ps, 2, until);
      Rows.setTimestamp(ps, 3, now);
      ps.setString(4, id);
      ps.setString(5, holder);
      Rows.setTimestamp(ps, 6, now);
      return ps.executeUpdate() == 1;
    }
  }

  /** Extends the lease. False: {@code holder} lost it. */
  public boolean asHolderRenew(String id, String holder, Instant until) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE rollouts SET lease_until = ? WHERE id = ?" + HELD)) {
      Rows.setTimestamp(ps, 1, until);
      ps.setString(2, id);
      ps.setString(3, holder);
      return ps.executeUpdate() == 1;
    }
  }

  /** Sets status and message, keeping the lease. */
  public boolean asHolderUpdate(
      String id, String holder, RolloutStatus status, String message, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rollouts SET status = ?, message = ?, updated_at = ? WHERE id = ?" + HELD)) {
      ps.setString(1, status.label());
      ps.setString(2, message);
      Rows.setTimestamp(ps, 3, now);
      ps.setString(4, id);
      ps.setString(5, holder);
      return ps.executeUpdate() == 1;
    }
  }

  /** Sets the message shown with the progress (blockers, throttling). */
  public boolean asHolderMessage(String id, String holder, String message) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE rollouts SET message = ? WHERE id = ?" + HELD)) {
      ps.setString(1, message);
      ps.setString(2, id);
      ps.setString(3, holder);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Gives the lease up, leaving the rollout in {@code status}; the operator's request it acted on
   * is cleared.
   */
  public boolean asHolderRelease(
      String id, String holder, RolloutStatus status, String message, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rollouts SET status = ?, message = ?, updated_at = ?, holder = NULL,"
                + " lease_until = NULL, requested = 'none', finished_at = ? WHERE id = ?"
                + HELD)) {
      ps.setString(1, status.label());
      ps.setString(2, message);
      Rows.setTimestamp(ps, 3, now);
      Rows.setTimestamp(ps, 4, status.finished() ? now : null);
      ps.setString(5, id);
      ps.setString(6, holder);
      return ps.executeUpdate() == 1;
    }
  }

  /** An operator's change to a rollout nobody holds (or a request to the runner that does). */
  public void update(
      String id, RolloutStatus status, RolloutRequest requested, String message, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rollouts SET status = ?, requested = ?, message = ?, updated_at = ? WHERE"
                + " id = ?")) {
      ps.setString(1, status.label());
      ps.setString(2, requested.label());
      ps.setString(3, message);
      Rows.setTimestamp(ps, 4, now);
      ps.setString(5, id);
      ps.executeUpdate();
    }
  }

  // ---------------------------------------------------------------- steps

  public List<RolloutStepRecord> steps(String id) throws SQLException {
    List<RolloutStepRecord> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + STEP_COLUMNS
                + " FROM rollout_steps WHERE rollout_id = ? ORDER BY number")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(readStep(rs));
        }
      }
    }
    return out;
  }

  /** Marks a step running and counts the attempt. */
  public boolean asHolderStepStarted(String id, String holder, int number, Instant now)
      throws SQLException {
    return stepUpdate(
        "status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, ?),"
            + " finished_at = NULL, message = '', xid = NULL",
        id,
        holder,
        number,
        ps -> Rows.setTimestamp(ps, 1, now));
  }

  /** Ends a step as done, failed or rolled back. */
  public boolean asHolderStepEnded(
      String id, String holder, int number, StepStatus status, String message, Instant now)
      throws SQLException {
    return stepUpdate(
        "status = ?, message = ?, finished_at = ?",
        id,
        holder,
        number,
        ps -> {
          ps.setString(1, status.label());
          ps.setString(2, message);
          Rows.setTimestamp(ps, 3, now);
        });
  }

  /** Records the upstream transaction of a step about to commit. */
  public boolean asHolderStepXid(String id, String holder, int number, String xid)
      throws SQLException {
    return stepUpdate("xid = ?", id, holder, number, ps -> ps.setString(1, xid));
  }

  /** Records the backfill's total estimate. */
  public boolean asHolderRowsTotal(String id, String holder, int number, long total)
      throws SQLException {
    return stepUpdate("rows_total = ?", id, holder, number, ps -> ps.setLong(1, total));
  }

  /** Checkpoints one committed backfill batch. */
  public boolean asHolderCheckpoint(
      String id, String holder, int number, String checkpoint, int batchSize, long rows)
      throws SQLException {
    return stepUpdate(
        "checkpoint = ?, batch_size = ?, rows_done = rows_done + ?, batches = batches + 1",
        id,
        holder,
        number,
        ps -> {
          ps.setString(1, checkpoint);
          ps.setInt(2, batchSize);
          ps.setLong(3, rows);
        });
  }

  /** An operator's change of one step (a manual step done, a failed step to retry). */
  public void setStepStatus(String id, int number, StepStatus status, String message, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rollout_steps SET status = ?, message = ?, finished_at = ? WHERE rollout_id ="
                + " ? AND number = ?")) {
      ps.setString(1, status.label());
      ps.setString(2, message);
      Rows.setTimestamp(ps, 3, status == StepStatus.PENDING ? null : now);
      ps.setString(4, id);
      ps.setInt(5, number);
      ps.executeUpdate();
    }
  }

  /**
   * Records that the approved plan ran to its end: the request becomes applied. The grant was used
   * up when the rollout started.
   */
  public void recordApplied(String requestId, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE change_requests SET status = 'applied', updated_at = ? WHERE id = ? AND"
                + " status IN ('approved', 'expired')")) {
      Rows.setTimestamp(ps, 1, now);
      ps.setString(2, requestId);
      ps.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private boolean stepUpdate(String set, String id, String holder, int number, Binder binder)
      throws SQLException {
    int params = (int) set.chars().filter(ch -> ch == '?').count();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE rollout_steps s SET "
                + set
                + " FROM rollouts r WHERE r.id = s.rollout_id AND s.rollout_id = ? AND s.number ="
                + " ? AND r.holder = ?")) {
      binder.bind(ps);
      ps.setString(params + 1, id);
      ps.setInt(params + 2, number);
      ps.setString(params + 3, holder);
      return ps.executeUpdate() == 1;
    }
  }

  private Optional<RolloutRecord> one(String sql, String... args) throws SQLException {
    List<RolloutRecord> rows = many(sql, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private List<RolloutRecord> many(String sql, String... args) throws SQLException {
    List<RolloutRecord> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(read(rs));
        }
      }
    }
    return rows;
  }

  private static RolloutRecord read(ResultSet rs) throws SQLException {
    return new RolloutRecord(
        rs.getString("id"),
        rs.getString("request_id"),
        Rows.optionalString(rs, "grant_id"),
        rs.getString("database_name"),
        rs.getString("requester"),
        rs.getString("fingerprint"),
        RolloutStatus.parse(rs.getString("status")),
        RolloutRequest.parse(rs.getString("requested")),
        Rows.optionalString(rs, "holder"),
        Rows.optionalInstant(rs, "lease_until"),
        rs.getString("message"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"),
        Rows.optionalInstant(rs, "finished_at"));
  }

  private static RolloutStepRecord readStep(ResultSet rs) throws SQLException {
    int batchSize = rs.getInt("batch_size");
    Optional<Integer> batch = rs.wasNull() ? Optional.empty() : Optional.of(batchSize);
    long total = rs.getLong("rows_total");
    OptionalLong rowsTotal = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(total);
    return new RolloutStepRecord(
        rs.getString("rollout_id"),
        rs.getInt("number"),
        rs.getString("kind"),
        rs.getString("description"),
        strings(rs.getString("statements")),
        strings(rs.getString("rollback")),
        rs.getBoolean("transactional"),
        Rows.optionalString(rs, "backfill"),
        strings(rs.getString("indexes")),
        StepStatus.parse(rs.getString("status")),
        rs.getInt("attempts"),
        Rows.optionalString(rs, "checkpoint"),
        batch,
        rs.getLong("rows_done"),
        rowsTotal,
        rs.getInt("batches"),
        Rows.optionalString(rs, "xid"),
        Rows.optionalInstant(rs, "started_at"),
        Rows.optionalInstant(rs, "finished_at"),
        rs.getString("message"));
  }

  private static String json(List<String> values) throws SQLException {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot write JSON", e);
    }
  }

  private static List<String> strings(String json) throws SQLException {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable JSON in rollout_steps: " + e.getOriginalMessage(), e);
    }
  }
}

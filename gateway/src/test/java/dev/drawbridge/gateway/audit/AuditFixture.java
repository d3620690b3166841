package dev.drawbridge.gateway.audit;

import dev.drawbridge.gateway.store.FreshDatabase;
import dev.drawbridge.gateway.store.StateStore;
import dev.drawbridge.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A state store of its own and an audit log over it, for one test. */
final class AuditFixture implements AutoCloseable {

  final TestPostgres pg;
  final FreshDatabase db;
  final StateStore store;
  final StateStoreAudit audit;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  QueuedAuditLog log;

  private AuditFixture(TestPostgres pg, FreshDatabase db, StateStore store) {
    this.pg = pg;
    this.db = db;
    this.store = store;
    this.audit = new StateStoreAudit(store);
  }

  static AuditFixture create(TestPostgres pg, String prefix) throws SQLException {
    FreshDatabase db = FreshDatabase.create(pg, prefix);
    return new AuditFixture(pg, db, StateStore.open(db.settings()));
  }

  QueuedAuditLog start(AuditSettings settings) {
    log = QueuedAuditLog.start(audit, settings, meters, Clock.systemUTC());
    return log;
  }

  static AuditSettings settings(String gatewayId, Path spool) {
    return AuditSettings.defaults(gatewayId, spool).withRetryInterval(Duration.ofMillis(100));
  }

  /** Runs SQL in the store's database as the superuser, behind the gateway's back. */
  void tamper(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                pg.jdbcUrl(db.name()), pg.superuser(), pg.superuserPassword());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  static AuditEvent event(int n) {
    return AuditEvent.of(
        Instant.parse("2026-11-25T10:00:00Z").plusSeconds(n),
        "test.event",
        "alice",
        Map.of("n", Integer.toString(n)));
  }

  @Override
  public void close() {
    if (log != null) {
      log.close();
    }
    store.close();
  }
}

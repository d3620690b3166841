package dev.drawbridge.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class StateStoreIT {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void migratesAnEmptyDatabaseAndIsANoOpOnRestart(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "store_migrate");
    try (StateStore store = StateStore.open(db.settings())) {
      assertThat(tables(pg, db))
          .containsExactlyInAnyOrder(
              "approvals",
              "audit_events",
              "change_requests",
              "flyway_schema_history",
              "grants",
              "sessions",
              "rollouts",
              "rollout_steps");
      store.inTransaction(
          tx -> {
            tx.sessions().insert(session("s1", "gw-a"));
            return null;
          });
    }
    List<String> applied = history(pg, db);
    assertThat(applied).contains("1");
    try (StateStore again = StateStore.open(db.settings())) {
      assertThat(history(pg, db)).isEqualTo(applied);
      List<SessionRecord> live = again.inTransaction(tx -> tx.sessions().live(Optional.empty()));
      assertThat(live).extracting(SessionRecord::id).containsExactly("s1");
    }
  }

  @Test
  void anUnreachableStoreIsExplained(TestPostgres pg) {
    StoreSettings nowhere =
        new StoreSettings(
            "jdbc:postgresql://127.0.0.1:1/nothing", "drawbridge", "", 1, Duration.ofSeconds(1));
    assertThatThrownBy(() -> StateStore.open(nowhere))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("Cannot connect to the state store at jdbc:postgresql://127.0.0.1:1")
        .hasMessageContaining("Check state-store.url");
  }

  @Test
  void aFailedUnitOfWorkLeavesNothingBehind(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "store_rollback");
    try (StateStore store = StateStore.open(db.settings())) {
      assertThatThrownBy(
              () ->
                  store.inTransaction(
                      tx -> {
                        tx.sessions().insert(session("s1", "gw-a"));
                        throw new IllegalStateException("changed my mind");
                      }))
          .isInstanceOf(IllegalStateException.class);
      List<SessionRecord> live = store.inTransaction(tx -> tx.sessions().live(Optional.empty()));
      assertThat(live).isEmpty();
    }
  }

  @Test
  void sessionsOfARestartedGatewayAreEnded(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "store_sessions");
    try (StateStore store = StateStore.open(db.settings())) {
      store.inTransaction(
          tx -> {
            tx.sessions().insert(session("a1", "gw-a"));
            tx.sessions().insert(session("a2", "gw-a"));
            tx.sessions().insert(session("b1", "gw-b"));
            return null;
          });
      boolean first = store.inTransaction(tx -> tx.sessions().end("a2", T0.plusSeconds(5)));
      boolean second = store.inTransaction(tx -> tx.sessions().end("a2", T0.plusSeconds(6)));
      int ended = store.inTransaction(tx -> tx.sessions().endAllOf("gw-a", T0.plusSeconds(9)));
      assertThat(first).isTrue();
      assertThat(second).isFalse();
      assertThat(ended).isEqualTo(1);
      List<SessionRecord> live = store.inTransaction(tx -> tx.sessions().live(Optional.empty()));
      assertThat(live).extracting(SessionRecord::id).containsExactly("b1");
    }
  }

  @Test
  void twoGatewaysSeeEachOthersSessionsAndARestartEndsOnlyItsOwn(TestPostgres pg) throws Exception {
    FreshDatabase db = FreshDatabase.create(pg, "store_registry");
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    try (StateStore a = StateStore.open(db.settings(2));
        StateStore b = StateStore.open(db.settings(2))) {
      SessionRegistry gwA = new SessionRegistry(a, "gw-a", clock);
      SessionRegistry gwB = new SessionRegistry(b, "gw-b", clock);
      gwA.started("a1", "alice", "shop", Optional.of("10.0.0.5:5000"), Optional.of("psql"));
      gwB.started("b1", "bob", "shop", Optional.empty(), Optional.empty());

      assertThat(gwB.live()).extracting(SessionRecord::id).containsExactly("a1", "b1");
      assertThat(gwA.ended("a1")).isTrue();
      assertThat(gwA.ended("a1")).isFalse();
      gwA.started("a2", "alice", "shop", Optional.empty(), Optional.empty());

      SessionRegistry restartedA = new SessionRegistry(b, "gw-a", clock);
      assertThat(restartedA.endLeftovers()).isEqualTo(1);
      assertThat(gwA.live()).extracting(SessionRecord::id).containsExactly("b1");
    }
  }

  private static SessionRecord session(String id, String gateway) {
    return new SessionRecord(
        id,
        gateway,
        "alice",
        "shop",
        Optional.of("127.0.0.1:50000"),
        Optional.of("psql"),
        T0,
        Optional.empty());
  }

  private static List<String> tables(TestPostgres pg, FreshDatabase db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = connect(pg, db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " 'drawbridge'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  /** The versions Flyway recorded, in order. */
  private static List<String> history(TestPostgres pg, FreshDatabase db) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection c = connect(pg, db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(version, '-') FROM drawbridge.flyway_schema_history WHERE success"
                    + " ORDER BY installed_rank")) {
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
    }
    return versions;
  }

  private static Connection connect(TestPostgres pg, FreshDatabase db) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", pg.superuser());
    if (!pg.superuserPassword().isEmpty()) {
      p.setProperty("password", pg.superuserPassword());
    }
    return DriverManager.getConnection(pg.jdbcUrl(db.name()), p);
  }
}

package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.session.LiveSession;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/** The operator's view of live sessions: who is connected, in which state; ending one. */
@ExtendWith(PostgresExtension.class)
class LiveSessionsIT {

  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) {
    proxy = new ProxyFixture(pg);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void sessionsAreListedWithTheirStateAndOneCanBeEnded() throws SQLException {
    try (Connection idle = proxy.connect("ApplicationName=idle-one");
        Connection busy = proxy.connect("ApplicationName=in-tx")) {
      busy.setAutoCommit(false);
      try (Statement s = busy.createStatement()) {
        s.execute("SELECT 1");
      }
      List<LiveSession> sessions = proxy.server.sessions();
      assertThat(sessions).hasSize(2);
      LiveSession idleOne =
          sessions.stream()
              .filter(s -> s.applicationName().equals("idle-one"))
              .findFirst()
              .orElseThrow();
      LiveSession inTx =
          sessions.stream()
              .filter(s -> s.applicationName().equals("in-tx"))
              .findFirst()
              .orElseThrow();
      assertThat(idleOne.state()).isEqualTo("idle");
      assertThat(inTx.state()).isEqualTo("idle in transaction");
      assertThat(idleOne.user()).isEqualTo(proxy.pg.superuser());
      assertThat(idleOne.database()).isEqualTo(proxy.pg.database());
      assertThat(idleOne.clientAddress()).contains("127.0.0.1");
      assertThat(idleOne.sessionId()).isPositive().isNotEqualTo(inTx.sessionId());

      assertThat(proxy.server.terminate(inTx.sessionId(), "ended by the operator in a test"))
          .isTrue();
      assertThatThrownBy(
              () -> {
                try (Statement s = busy.createStatement()) {
                  s.execute("SELECT 2");
                }
              })
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("57P01");
                assertThat(e.getServerErrorMessage().getDetail())
                    .isEqualTo("ended by the operator in a test");
              });
      try (Statement s = idle.createStatement()) {
        s.execute("SELECT 3"); // the other session is untouched
      }
      assertThat(proxy.server.terminate(999_999, "nobody")).isFalse();
    }
  }
}

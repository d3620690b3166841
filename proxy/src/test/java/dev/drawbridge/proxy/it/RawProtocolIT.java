package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input over a raw socket: each gets the right error, and the server keeps serving. */
@ExtendWith(PostgresExtension.class)
class RawProtocolIT {

  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) {
    proxy =
        new ProxyFixture(
            pg,
            (s, st) ->
                st.sql().contains("denied_by_gate")
                    ? GateDecision.deny("42501", "no", null, null)
                    : GateDecision.allow(),
            b -> b.maxMessageSize(64 * 1024));
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  private static byte[] parse(String name, String sql) {
    return RawClient.message(
        'P',
        concat((name + "\0" + sql + "\0").getBytes(StandardCharsets.UTF_8), new byte[] {0, 0}));
  }

  private static final byte[] SYNC = RawClient.message('S', new byte[0]);
  private static final byte[] FLUSH = RawClient.message('H', new byte[0]);

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @AfterEach
  void stillServing() throws SQLException {
    try (Connection c = proxy.connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
    }
  }

  private RawClient loggedIn() throws IOException {
    RawClient c = new RawClient(proxy.address);
    c.send(
        RawClient.startup(
            0x00030000, "user", proxy.pg.superuser(), "database", proxy.pg.database()));
    c.readUntil('Z');
    return c;
  }

  @Test
  void simpleQueryOverRawSocket() throws IOException {
    try (RawClient c = loggedIn()) {
      c.send(RawClient.query("SELECT 40 + 2"));
      RawClient.Message row = c.readUntil('D');
      assertThat(new String(row.body(), StandardCharsets.UTF_8)).endsWith("42");
      assertThat(c.readUntil('Z').body()).containsExactly('I');
      c.send(RawClient.message('X', new byte[0]));
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void truncatedMessageThenClose() throws IOException {
    try (RawClient c = loggedIn()) {
      byte[] q = RawClient.query("SELECT 1");
      byte[] truncated = new byte[q.length - 3];
      System.arraycopy(q, 0, truncated, 0, truncated.length);
      c.send(truncated);
      c.shutdownOutput();
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void oversizedLengthGetsAnErrorAndAClose() throws IOException {
    try (RawClient c = loggedIn()) {
      // claims 1 GiB; the proxy must refuse at once, without waiting for or allocating the body
      c.send(new byte[] {'Q', 0x40, 0, 0, 0});
      RawClient.Message e = c.read();
      assertThat(e.type()).isEqualTo('E');
      assertThat(e.sqlState()).isEqualTo("54000");
      assertThat(e.fields().get('S')).isEqualTo("FATAL");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void garbageBeforeStartup() throws IOException {
    try (RawClient c = new RawClient(proxy.address)) {
      c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawClient.Message e = c.read();
      assertThat(e.type()).isEqualTo('E');
      assertThat(e.sqlState()).isEqualTo("08P01");
      assertThat(e.fields().get('M')).isEqualTo("invalid length of startup packet");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void wrongProtocolVersion() throws IOException {
    try (RawClient c = new RawClient(proxy.address)) {
      c.send(RawClient.startup(0x00020000, "user", "x"));
      RawClient.Message e = c.read();
      assertThat(e.sqlState()).isEqualTo("0A000");
      assertThat(e.fields().get('M'))
          .isEqualTo("unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void protocol32IsNegotiatedDown() throws IOException {
    try (RawClient c = new RawClient(proxy.address)) {
      c.send(
          RawClient.startup(
              0x00030002,
              "user",
              proxy.pg.superuser(),
              "database",
              proxy.pg.database(),
              "_pq_.test_option",
              "1"));
      RawClient.Message v = c.read();
      assertThat(v.type()).isEqualTo('v');
      byte[] b = v.body();
      assertThat(b[3]).isEqualTo((byte) 0); // newest minor version 0
      assertThat(b[7]).isEqualTo((byte) 1); // one unrecognized option
      assertThat(new String(b, 8, b.length - 9, StandardCharsets.UTF_8))
          .isEqualTo("_pq_.test_option");
      RawClient.Message k = c.readUntil('K');
      int pid =
          ((k.body()[0] & 0xFF) << 24)
              | ((k.body()[1] & 0xFF) << 16)
              | ((k.body()[2] & 0xFF) << 8)
              | (k.body()[3] & 0xFF);
      assertThat(pid).isPositive();
      c.readUntil('Z');
    }
  }

  @Test
  void plaintextPipelinedAfterSslRequestIsRefused() throws IOException {
    try (RawClient c = new RawClient(proxy.address)) {
      byte[] ssl = RawClient.ints(8, 80877103);
      byte[] startup = RawClient.startup(0x00030000, "user", proxy.pg.superuser());
      byte[] both = new byte[ssl.length + startup.length];
      System.arraycopy(ssl, 0, both, 0, ssl.length);
      System.arraycopy(startup, 0, both, ssl.length, startup.length);
      c.send(both);
      RawClient.Message e = c.read();
      assertThat(e.sqlState()).isEqualTo("08P01");
      assertThat(e.fields().get('M')).isEqualTo("received unencrypted data after SSL request");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void gssencRequestIsAnsweredNoThenStartupWorks() throws IOException {
    try (RawClient c = new RawClient(proxy.address)) {
      c.send(RawClient.ints(8, 80877104));
      assertThat(c.readByte()).isEqualTo('N');
      c.send(RawClient.ints(8, 80877103));
      assertThat(c.readByte()).isEqualTo('N'); // no TLS configured on this proxy
      c.send(
          RawClient.startup(
              0x00030000, "user", proxy.pg.superuser(), "database", proxy.pg.database()));
      c.readUntil('Z');
    }
  }

  @Test
  void cancelWithAnUnknownKeyIsClosedSilently() throws IOException {
    try (RawClient c = new RawClient(proxy.address)) {
      c.send(RawClient.ints(16, 80877102, 12345, 67890));
      assertThat(c.readByte()).isEqualTo(-1);
    }
  }

  @Test
  void unknownMessageTypeIsFatal() throws IOException {
    try (RawClient c = loggedIn()) {
      c.send(RawClient.message('@', new byte[] {1, 2}));
      RawClient.Message e = c.readUntil('E');
      assertThat(e.sqlState()).isEqualTo("08P01");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void flushWithoutSyncGetsAnswersWithoutReadyForQuery() throws IOException {
    try (RawClient c = loggedIn()) {
      byte[] parse = RawClient.message('P', "\0SELECT 5\0\0\0".getBytes(StandardCharsets.UTF_8));
      byte[] flush = RawClient.message('H', new byte[0]);
      byte[] both = new byte[parse.length + flush.length];
      System.arraycopy(parse, 0, both, 0, parse.length);
      System.arraycopy(flush, 0, both, parse.length, flush.length);
      c.send(both);
      assertThat(c.read().type()).isEqualTo('1'); // ParseComplete, no Sync needed
      c.send(RawClient.message('S', new byte[0]));
      assertThat(c.read().type()).isEqualTo('Z');
    }
  }

  @Test
  void denialAnsweredAtFlushWithoutWaitingForSync() throws IOException {
    try (RawClient c = loggedIn()) {
      byte[] bind = RawClient.message('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
      byte[] execute = RawClient.message('E', new byte[] {0, 0, 0, 0, 0});
      c.send(concat(parse("", "SELECT denied_by_gate"), bind, execute, FLUSH));
      RawClient.Message e = c.read();
      assertThat(e.type()).isEqualTo('E');
      assertThat(e.sqlState()).isEqualTo("42501");
      assertThat(e.fields().get('M')).isEqualTo("no");
      // Bind and Execute were discarded; Sync ends the error state
      c.send(SYNC);
      assertThat(c.read().type()).isEqualTo('Z');
      c.send(concat(parse("", "SELECT 1"), SYNC));
      assertThat(c.read().type()).isEqualTo('1');
      assertThat(c.read().type()).isEqualTo('Z');
    }
  }

  @Test
  void customStartupParametersReachTheUpstream() throws IOException {
    try (RawClient c = new RawClient(proxy.address)) {
      c.send(
          RawClient.startup(
              0x00030000,
              "user",
              proxy.pg.superuser(),
              "database",
              proxy.pg.database(),
              "drawbridge.tenant",
              "acme",
              "options",
              "-c statement_timeout=4321"));
      c.readUntil('Z');
      c.send(
          RawClient.query(
              "SELECT current_setting('drawbridge.tenant') || '/' || current_setting('statement_timeout')"));
      RawClient.Message row = c.readUntil('D');
      assertThat(new String(row.body(), StandardCharsets.UTF_8)).endsWith("acme/4321ms");
    }
  }

  @Test
  void functionCallProtocolIsRefusedInOrder() throws IOException {
    try (RawClient c = loggedIn()) {
      // FunctionCall: oid of pg_backend_pid (2026), no argument formats, no arguments, text result
      byte[] call = RawClient.message('F', new byte[] {0, 0, 0x07, (byte) 0xEA, 0, 0, 0, 0, 0, 0});
      c.send(concat(RawClient.query("SELECT 1"), call));
      assertThat(c.readUntil('Z').type()).isEqualTo('Z');
      RawClient.Message e = c.read();
      assertThat(e.type()).isEqualTo('E');
      assertThat(e.sqlState()).isEqualTo("0A000");
      assertThat(c.read().type()).isEqualTo('Z');
    }
  }
}

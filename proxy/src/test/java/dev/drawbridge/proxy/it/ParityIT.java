package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte parity: the same raw message sequence sent to PostgreSQL directly and through the proxy must
 * get the same replies, byte for byte (BackendKeyData and ParameterStatus aside, which are read
 * during startup).
 */
@ExtendWith(PostgresExtension.class)
class ParityIT {

  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) throws Exception {
    proxy = new ProxyFixture(pg);
    pg.execute("DROP TABLE IF EXISTS parity_t");
    pg.execute("CREATE TABLE parity_t (id int primary key, v text)");
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  private static byte[] msg(char type, String... cstrings) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String s : cstrings) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    return RawClient.message(type, b.toByteArray());
  }

  private static byte[] parse(String name, String sql) {
    return RawClient.message('P', cat(msg('x', name, sql), new byte[] {0, 0}), 5);
  }

  private static final byte[] SYNC = RawClient.message('S', new byte[0]);
  private static final byte[] FLUSH = RawClient.message('H', new byte[0]);

  /** Bind of the unnamed portal to a statement, no parameters, text results. */
  private static byte[] bind(String statement) {
    return RawClient.message('B', cat(msg('x', "", statement), new byte[] {0, 0, 0, 0, 0, 0}), 5);
  }

  private static final byte[] EXECUTE = RawClient.message('E', new byte[] {0, 0, 0, 0, 0});
  private static final byte[] DESCRIBE_PORTAL = RawClient.message('D', new byte[] {'P', 0});

  static Stream<Arguments> sequences() {
    return Stream.of(
        Arguments.of(
            "simple multi-statement",
            RawClient.query("SELECT 1 AS a; SELECT 'x'::text AS b, NULL::int")),
        Arguments.of("simple error", RawClient.query("SELECT 1/0")),
        Arguments.of("empty query", RawClient.query("")),
        Arguments.of(
            "extended pipeline with Flush",
            cat(parse("s1", "SELECT 41 + 1"), FLUSH, bind("s1"), DESCRIBE_PORTAL, EXECUTE, SYNC)),
        Arguments.of("bind without parse", cat(bind("nope"), EXECUTE, SYNC)),
        Arguments.of(
            "error mid-pipeline, then recovery",
            cat(
                parse("", "SELECT 1/0"),
                bind(""),
                EXECUTE,
                parse("", "SELECT 2"),
                bind(""),
                EXECUTE,
                SYNC,
                parse("", "SELECT 3"),
                bind(""),
                EXECUTE,
                SYNC)),
        Arguments.of(
            "transaction aborted by an error",
            cat(
                RawClient.query("BEGIN"),
                RawClient.query("SELECT 1/0"),
                RawClient.query("SELECT 1"),
                RawClient.query("ROLLBACK"))),
        Arguments.of(
            "copy fail",
            cat(
                RawClient.query("COPY parity_t FROM STDIN"),
                RawClient.message('d', "1\ta\n".getBytes(StandardCharsets.UTF_8)),
                msg('f', "client gave up"))),
        Arguments.of(
            "copy in and out",
            cat(
                RawClient.query("BEGIN"),
                RawClient.query("COPY parity_t FROM STDIN"),
                RawClient.message('d', "7\tseven\n8\teight\n".getBytes(StandardCharsets.UTF_8)),
                RawClient.message('c', new byte[0]),
                RawClient.query("COPY parity_t TO STDOUT"),
                RawClient.query("ROLLBACK"))),
        Arguments.of("notice", RawClient.query("DO $$ BEGIN RAISE NOTICE 'n1'; END $$")));
  }

  private static List<String> exchange(InetSocketAddress address, TestPostgres pg, byte[] input)
      throws IOException {
    try (RawClient c = new RawClient(address)) {
      c.send(RawClient.startup(0x00030000, "user", pg.superuser(), "database", pg.database()));
      c.readUntil('Z');
      c.send(input);
      c.send(RawClient.query("SELECT 'end-of-sequence'"));
      List<String> replies = new ArrayList<>();
      while (true) {
        RawClient.Message m = c.read();
        if (m.type() == 'D'
            && new String(m.body(), StandardCharsets.UTF_8).contains("end-of-sequence")) {
          c.readUntil('Z');
          return replies;
        }
        // the 'L' (line) field of an error names the server's source line; it is the same too
        replies.add(m.type() + ":" + HexFormat.of().formatHex(m.body()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sequences")
  void sameRepliesDirectAndThroughTheProxy(String name, byte[] input, TestPostgres pg)
      throws IOException {
    List<String> direct = exchange(new InetSocketAddress(pg.host(), pg.port()), pg, input);
    List<String> proxied = exchange(proxy.address, pg, input);
    assertThat(proxied).as(name).isEqualTo(direct);
  }
}

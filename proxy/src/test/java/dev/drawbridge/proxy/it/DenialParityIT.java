package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A differential test of the deny path: random (seeded) message sequences are sent to PostgreSQL
 * directly, with a statement that fails at the same point, and through the proxy, where the gate
 * denies the statement instead. Apart from the error's text, the replies must be the same: which
 * messages are answered, which are discarded until Sync, and every transaction status.
 */
@ExtendWith(PostgresExtension.class)
class DenialParityIT {

  private static ProxyFixture proxy;

  @BeforeAll
  static void start(TestPostgres pg) {
    proxy =
        new ProxyFixture(
            pg,
            (s, st) ->
                st.sql().contains("deny_me")
                    ? GateDecision.deny("42501", "denied", null, null)
                    : GateDecision.allow(),
            b -> {});
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  private static byte[] cstrings(String... strings) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String s : strings) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    return b.toByteArray();
  }

  private static byte[] parse(String sql) {
    return parse("", sql);
  }

  private static byte[] parse(String name, String sql) {
    byte[] s = cstrings(name, sql);
    byte[] body = new byte[s.length + 2];
    System.arraycopy(s, 0, body, 0, s.length);
    return RawClient.message('P', body);
  }

  private static byte[] cstringsPrefixed(char prefix, String s) {
    byte[] c = cstrings(s);
    byte[] out = new byte[c.length + 1];
    out[0] = (byte) prefix;
    System.arraycopy(c, 0, out, 1, c.length);
    return out;
  }

  private static byte[] bindNamed(String statement) {
    byte[] names = cstrings("", statement);
    byte[] body = new byte[names.length + 6];
    System.arraycopy(names, 0, body, 0, names.length);
    return RawClient.message('B', body);
  }

  private static final byte[] BIND = RawClient.message('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
  private static final byte[] EXECUTE = RawClient.message('E', new byte[] {0, 0, 0, 0, 0});
  private static final byte[] SYNC = RawClient.message('S', new byte[0]);
  private static final byte[] FLUSH = RawClient.message('H', new byte[0]);

  /** One random sequence, in two versions: failing directly, denied through the proxy. */
  private record Sequence(byte[] direct, byte[] proxied) {}

  private static Sequence sequence(long seed) {
    Random r = new Random(seed);
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    ByteArrayOutputStream proxied = new ByteArrayOutputStream();
    int units = 1 + r.nextInt(12);
    for (int i = 0; i < units; i++) {
      byte[] both = null;
      switch (r.nextInt(11)) {
        case 9 -> {
          // a named statement that fails (or is denied) at Parse, used after the Sync
          String name = "st" + i;
          byte[] later =
              cat(
                  bindNamed(name),
                  EXECUTE,
                  RawClient.message('D', cstringsPrefixed('S', name)),
                  SYNC);
          direct.writeBytes(cat(parse(name, "SELEC 1"), SYNC, later));
          proxied.writeBytes(cat(parse(name, "SELECT 'deny_me'"), SYNC, later));
        }
        case 10 -> {
          // a named statement that works, described and executed twice
          String name = "ok" + i;
          both =
              cat(
                  parse(name, "SELECT " + i),
                  RawClient.message('D', cstringsPrefixed('S', name)),
                  bindNamed(name),
                  EXECUTE,
                  bindNamed(name),
                  EXECUTE,
                  RawClient.message('C', cstringsPrefixed('S', name)),
                  SYNC);
        }
        case 0 -> both = RawClient.query("SELECT " + i);
        case 1 -> {
          // fails at execution directly; denied through the proxy
          direct.writeBytes(RawClient.query("SELECT 1/0"));
          proxied.writeBytes(RawClient.query("SELECT 'deny_me'"));
        }
        case 2 -> both = cat(parse("SELECT " + i), BIND, EXECUTE);
        case 3 -> {
          // fails at Parse directly (syntax error); denied at Parse through the proxy
          direct.writeBytes(cat(parse("SELECT FROM WHERE"), BIND, EXECUTE));
          proxied.writeBytes(cat(parse("SELECT 'deny_me'"), BIND, EXECUTE));
        }
        case 4 -> both = SYNC;
        case 5 -> both = FLUSH;
        case 6 -> both = RawClient.query("BEGIN");
        case 7 -> both = RawClient.query(r.nextBoolean() ? "COMMIT" : "ROLLBACK");
        default -> both = cat(parse("SELECT " + i + ", 'x'"), BIND, EXECUTE, SYNC);
      }
      if (both != null) {
        direct.writeBytes(both);
        proxied.writeBytes(both);
      }
    }
    // always end in a clean state
    direct.writeBytes(cat(SYNC, RawClient.query("ROLLBACK")));
    proxied.writeBytes(cat(SYNC, RawClient.query("ROLLBACK")));
    return new Sequence(direct.toByteArray(), proxied.toByteArray());
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  static IntStream seeds() {
    return IntStream.range(0, 40);
  }

  private static List<String> exchange(InetSocketAddress address, TestPostgres pg, byte[] input)
      throws IOException {
    try (RawClient c = new RawClient(address)) {
      c.send(RawClient.startup(0x00030000, "user", pg.superuser(), "database", pg.database()));
      c.readUntil('Z');
      c.send(cat(input, RawClient.query("SELECT 'end-of-sequence'")));
      List<String> replies = new ArrayList<>();
      while (true) {
        RawClient.Message m = c.read();
        if (m.type() == 'D'
            && new String(m.body(), StandardCharsets.UTF_8).contains("end-of-sequence")) {
          c.readUntil('Z');
          return replies;
        }
        // errors differ in text by design; everything else must match byte for byte
        replies.add(m.type() == 'E' ? "E" : m.type() + ":" + HexFormat.of().formatHex(m.body()));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void deniedStatementsBehaveLikeFailingOnes(int seed, TestPostgres pg) throws IOException {
    Sequence s = sequence(seed);
    List<String> direct = exchange(new InetSocketAddress(pg.host(), pg.port()), pg, s.direct());
    List<String> proxied = exchange(proxy.address, pg, s.proxied());
    assertThat(proxied).isEqualTo(direct);
  }
}

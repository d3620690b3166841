package dev.drawbridge.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.ProxyMetrics;
import dev.drawbridge.proxy.codec.Frame;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.backend.ReadyForQuery;
import dev.drawbridge.proxy.protocol.frontend.Parse;
import dev.drawbridge.proxy.protocol.frontend.Query;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay state machine without a network: what reaches each side, in which order. */
class StatementRelayTest {

  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  private static final GateDecision.Deny DENY =
      GateDecision.deny("42501", "needs approval", "detail", "hint");

  private final List<ByteBuf> upstream = new ArrayList<>();
  private final List<ByteBuf> client = new ArrayList<>();
  private int readyCount;
  private boolean terminated;
  private String violation;

  private final StatementRelay relay =
      new StatementRelay(
          (session, st) -> {
            if (st.sql().contains("forbidden")) {
              return DENY;
            }
            if (st.sql().equals("SELECT 'old'")) {
              return GateDecision.rewrite("SELECT 'new'");
            }
            return GateDecision.allow();
          },
          new ProxyMetrics(new SimpleMeterRegistry()),
          new GateSession(1, "u", Set.of(), "db", "", "127.0.0.1"),
          "marker_x",
          "UTF8",
          new StatementRelay.Sink() {
            @Override
            public ByteBufAllocator alloc() {
              return ALLOC;
            }

            @Override
            public void toUpstream(ByteBuf buf) {
              upstream.add(buf);
            }

            @Override
            public void toClient(ByteBuf buf) {
              client.add(buf);
            }

            @Override
            public void readyForQuery() {
              readyCount++;
            }

            @Override
            public void terminated() {
              terminated = true;
            }

            @Override
            public void protocolViolation(String sqlState, String message) {
              violation = sqlState + " " + message;
            }
          });

  @AfterEach
  void release() {
    upstream.forEach(ByteBuf::release);
    client.forEach(ByteBuf::release);
  }

  private static Frame frame(ByteBuf encoded) {
    return new Frame(encoded);
  }

  private static Frame frame(char type, byte... body) {
    ByteBuf b = Unpooled.buffer().writeByte(type).writeInt(body.length + 4).writeBytes(body);
    return new Frame(b);
  }

  private static String text(ByteBuf b) {
    return b.toString(io.netty.util.CharsetUtil.UTF_8);
  }

  private static String hex(ByteBuf b) {
    return ByteBufUtil.hexDump(b);
  }

  private static String hexAndRelease(ByteBuf b) {
    try {
      return hex(b);
    } finally {
      b.release();
    }
  }

  @Test
  void allowedQueryIsForwardedAsTheSameBuffer() {
    Frame q = frame(new Query("SELECT 1").encode(ALLOC));
    ByteBuf original = q.content();
    relay.fromClient(q);
    assertThat(upstream).singleElement().isSameAs(original);
    assertThat(relay.idle()).isFalse();
    relay.fromUpstream(frame(new ReadyForQuery('I').encode(ALLOC)));
    assertThat(relay.idle()).isTrue();
    assertThat(readyCount).isEqualTo(1);
  }

  @Test
  void rewriteReencodesOnlyThatMessage() {
    relay.fromClient(frame(new Parse("s1", "SELECT 'old'", new int[] {23}).encode(ALLOC)));
    assertThat(hex(upstream.getFirst()))
        .isEqualTo(hexAndRelease(new Parse("s1", "SELECT 'new'", new int[] {23}).encode(ALLOC)));
  }

  @Test
  void deniedQueryBecomesAPoisonWhoseErrorIsReplaced() {
    relay.fromClient(frame(new Query("DELETE FROM forbidden").encode(ALLOC)));
    String poison = text(upstream.getFirst());
    assertThat(poison).contains("marker_x_1").doesNotContain("forbidden");
    // the upstream's syntax error for the poison
    relay.fromUpstream(
        frame(
            ErrorResponse.error("42601", "syntax error at or near \"marker_x_1\"", null, null)
                .encode(ALLOC)));
    relay.fromUpstream(frame(new ReadyForQuery('E').encode(ALLOC)));
    assertThat(client).hasSize(2);
    assertThat(hex(client.get(0)))
        .isEqualTo(
            hexAndRelease(
                ErrorResponse.error("42501", "needs approval", "detail", "hint").encode(ALLOC)));
    assertThat(relay.transactionStatus()).isEqualTo('E');
    assertThat(relay.idle()).isTrue();
  }

  @Test
  void anEarlierErrorIsForwardedAndTheSkippedPoisonExpires() {
    relay.fromClient(frame(new Parse("", "INSERT dup", new int[0]).encode(ALLOC)));
    relay.fromClient(frame(new Parse("", "SELECT forbidden", new int[0]).encode(ALLOC)));
    relay.fromClient(frame('S'));
    ErrorResponse own = ErrorResponse.error("23505", "duplicate key", null, null);
    relay.fromUpstream(frame(own.encode(ALLOC)));
    relay.fromUpstream(frame(new ReadyForQuery('I').encode(ALLOC)));
    // a later error that happens to mention the old marker text is not replaced
    relay.fromClient(frame(new Query("SELECT 1/0").encode(ALLOC)));
    ErrorResponse later = ErrorResponse.error("22012", "marker_x_1", null, null);
    relay.fromUpstream(frame(later.encode(ALLOC)));
    assertThat(hex(client.get(0))).isEqualTo(hexAndRelease(own.encode(ALLOC)));
    assertThat(hex(client.get(2))).isEqualTo(hexAndRelease(later.encode(ALLOC)));
  }

  @Test
  void afterADeniedParseEverythingUntilSyncIsDiscarded() {
    relay.fromClient(frame(new Parse("s", "SELECT forbidden", new int[0]).encode(ALLOC)));
    relay.fromClient(frame('B', new byte[] {0, 's', 0, 0, 0, 0, 0, 0, 0}));
    relay.fromClient(frame('E', new byte[] {0, 0, 0, 0, 0}));
    relay.fromClient(frame(new Parse("", "SELECT 2", new int[0]).encode(ALLOC)));
    relay.fromClient(frame('S'));
    assertThat(upstream).hasSize(2);
    assertThat(upstream.get(0).getByte(0)).isEqualTo((byte) 'P');
    assertThat(upstream.get(1).getByte(0)).isEqualTo((byte) 'S');
    relay.fromClient(frame('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0}));
    assertThat(upstream).hasSize(3); // forwarded again after Sync
  }

  @Test
  void flushNeedsNoReadyForQuery() {
    relay.fromClient(frame(new Parse("", "SELECT 1", new int[0]).encode(ALLOC)));
    relay.fromClient(frame('H'));
    assertThat(upstream).hasSize(2);
    relay.fromUpstream(frame('1'));
    assertThat(client).hasSize(1);
    assertThat(relay.idle()).isFalse(); // not idle until Sync
  }

  @Test
  void syncDuringCopyInProducesNoReadyForQuery() {
    relay.fromClient(frame(new Query("COPY t FROM STDIN").encode(ALLOC)));
    relay.fromUpstream(frame('G', new byte[] {0, 0, 0}));
    relay.fromClient(frame('d', new byte[] {'1', '\n'}));
    relay.fromClient(frame('S')); // ignored by the server
    relay.fromClient(frame('c'));
    relay.fromUpstream(frame('C', "COPY 1\0".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    relay.fromUpstream(frame(new ReadyForQuery('I').encode(ALLOC)));
    assertThat(relay.idle()).isTrue();
  }

  @Test
  void terminateAndUnknownMessages() {
    relay.fromClient(frame('@'));
    assertThat(violation).startsWith("08P01");
    relay.fromClient(frame('X'));
    assertThat(terminated).isTrue();
  }

  @Test
  void anEncodingTheGatewayCannotReadIsRefused() {
    StatementRelay mule =
        new StatementRelay(
            (session, st) -> GateDecision.allow(),
            new ProxyMetrics(new SimpleMeterRegistry()),
            new GateSession(2, "u", Set.of(), "db", "", "127.0.0.1"),
            "marker_y",
            "MULE_INTERNAL",
            new StatementRelay.Sink() {
              @Override
              public ByteBufAllocator alloc() {
                return ALLOC;
              }

              @Override
              public void toUpstream(ByteBuf buf) {
                upstream.add(buf);
              }

              @Override
              public void toClient(ByteBuf buf) {
                client.add(buf);
              }

              @Override
              public void readyForQuery() {}

              @Override
              public void terminated() {}

              @Override
              public void protocolViolation(String sqlState, String message) {}
            });
    mule.fromClient(frame(new Query("SELECT 1").encode(ALLOC)));
    assertThat(text(upstream.getFirst())).contains("marker_y_1").doesNotContain("SELECT");
    mule.fromUpstream(
        frame(
            ErrorResponse.error("42601", "syntax error at or near \"marker_y_1\"", null, null)
                .encode(ALLOC)));
    assertThat(text(client.getFirst())).contains("0A000").contains("MULE_INTERNAL");
  }

  @Test
  void postgresEncodingNames() {
    assertThat(dev.drawbridge.proxy.codec.ClientEncodings.forName("UTF8"))
        .contains(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(dev.drawbridge.proxy.codec.ClientEncodings.forName("latin1"))
        .contains(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (String name :
        new String[] {"SJIS", "BIG5", "GBK", "EUC_JP", "WIN1252", "KOI8R", "SQL_ASCII"}) {
      assertThat(dev.drawbridge.proxy.codec.ClientEncodings.forName(name)).as(name).isPresent();
    }
    assertThat(dev.drawbridge.proxy.codec.ClientEncodings.forName("MULE_INTERNAL")).isEmpty();
  }
}

package dev.drawbridge.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.ProxyMetrics;
import dev.drawbridge.proxy.codec.Frame;
import dev.drawbridge.proxy.codec.FrameChunk;
import dev.drawbridge.proxy.codec.FrameDecoder;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.StatementGate;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.backend.ParameterStatus;
import dev.drawbridge.proxy.protocol.backend.ReadyForQuery;
import dev.drawbridge.proxy.protocol.frontend.Parse;
import dev.drawbridge.proxy.protocol.frontend.Query;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
  private boolean holding;
  private int flushes;
  private final List<Runnable> tasks = new ArrayList<>();
  private final java.util.ArrayDeque<CompletableFuture<GateDecision>> pending =
      new java.util.ArrayDeque<>();
  private boolean terminated;
  private String violation;

  private final StatementRelay relay =
      new StatementRelay(
          (session, st) -> {
            if (st.sql().contains("forbidden")) {
              return DENY;
            }
            if (st.sql().contains("slow")) {
              return GateDecision.deferred(pending.removeFirst());
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

            @Override
            public void holdClient(boolean hold) {
              holding = hold;
            }

            @Override
            public void execute(Runnable task) {
              tasks.add(task);
            }

            @Override
            public void flush() {
              flushes++;
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
            new NullSink(upstream, client));
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

  private void runTasks() {
    while (!tasks.isEmpty()) {
      tasks.removeFirst().run();
    }
  }

  private CompletableFuture<GateDecision> nextDecision() {
    CompletableFuture<GateDecision> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  }

  private static List<Object> decode(FrameDecoder decoder, ByteBuf bytes) {
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    channel.writeInbound(bytes);
    List<Object> out = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      out.add(o);
    }
    channel.finishAndReleaseAll();
    return out;
  }

  @Test
  void aDeferredDecisionHoldsEveryLaterMessageInOrder() {
    CompletableFuture<GateDecision> decision = nextDecision();
    relay.fromClient(frame(new Query("ALTER TABLE slow ADD COLUMN c int").encode(ALLOC)));
    relay.fromClient(frame(new Query("SELECT 1").encode(ALLOC)));
    relay.fromClient(frame('X'));
    assertThat(upstream).isEmpty();
    assertThat(holding).isTrue();
    assertThat(relay.idle()).isFalse();
    assertThat(relay.acceptsRuns()).isFalse();
    assertThat(terminated).isFalse();

    decision.complete(GateDecision.allow());
    assertThat(upstream).isEmpty(); // acted on only on the event loop
    runTasks();
    assertThat(upstream).hasSize(3);
    assertThat(text(upstream.get(0))).contains("ALTER TABLE slow");
    assertThat(text(upstream.get(1))).contains("SELECT 1");
    assertThat(upstream.get(2).getByte(0)).isEqualTo((byte) 'X');
    assertThat(terminated).isTrue();
    assertThat(holding).isFalse();
    assertThat(flushes).isEqualTo(1);
  }

  @Test
  void aDeferredDenialPoisonsInPlaceAndTheNextDeferralWaitsItsTurn() {
    CompletableFuture<GateDecision> first = nextDecision();
    CompletableFuture<GateDecision> second = nextDecision();
    relay.fromClient(frame(new Parse("", "ALTER slow 1", new int[0]).encode(ALLOC)));
    relay.fromClient(frame('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0}));
    relay.fromClient(frame('S'));
    relay.fromClient(frame(new Query("ALTER slow 2").encode(ALLOC)));
    second.complete(GateDecision.allow()); // completes first, but is not yet asked for
    first.complete(DENY);
    assertThat(tasks).hasSize(1);
    tasks.removeFirst().run();
    // the denied Parse became a poison Parse; Bind was discarded until Sync; the Query then
    // went to the gate, whose (already complete) deferred answer is acted on in a later task
    assertThat(upstream).hasSize(2);
    assertThat(text(upstream.get(0))).contains("marker_x_1");
    assertThat(upstream.get(1).getByte(0)).isEqualTo((byte) 'S');
    assertThat(holding).isTrue();
    runTasks();
    assertThat(upstream).hasSize(3);
    assertThat(text(upstream.get(2))).contains("ALTER slow 2");
    assertThat(holding).isFalse();
  }

  @Test
  void aFailedOrEmptyDeferralDenies() {
    CompletableFuture<GateDecision> failed = nextDecision();
    CompletableFuture<GateDecision> empty = nextDecision();
    relay.fromClient(frame(new Query("ALTER slow a").encode(ALLOC)));
    failed.completeExceptionally(new IllegalStateException("catalog unreachable"));
    runTasks();
    relay.fromClient(frame(new Query("ALTER slow b").encode(ALLOC)));
    empty.complete(null);
    runTasks();
    assertThat(upstream).hasSize(2);
    assertThat(text(upstream.get(0))).contains("marker_x_1").doesNotContain("slow");
    assertThat(text(upstream.get(1))).contains("marker_x_2").doesNotContain("slow");
    relay.fromUpstream(
        frame(
            ErrorResponse.error("42601", "syntax error at \"marker_x_1\"", null, null)
                .encode(ALLOC)));
    assertThat(ErrorResponse.decode(client.getFirst().skipBytes(5)).sqlState()).isEqualTo("XX000");
  }

  @Test
  void closingWhileDecidingReleasesTheHeldMessages() {
    CompletableFuture<GateDecision> decision = nextDecision();
    Frame held = frame(new Query("ALTER slow").encode(ALLOC));
    Frame waiting = frame(new Query("SELECT 2").encode(ALLOC));
    relay.fromClient(held);
    relay.fromClient(waiting);
    relay.close();
    assertThat(waiting.refCnt()).isZero();
    decision.complete(GateDecision.allow());
    runTasks();
    assertThat(held.refCnt()).isZero();
    assertThat(upstream).isEmpty();
  }

  @Test
  void aRunOfRelayOnlyMessagesIsForwardedWholeAndItsSyncsCounted() {
    FrameDecoder decoder = new FrameDecoder(1 << 20);
    decoder.relayRuns("BEDCHS", relay::acceptsRuns);
    ByteBuf bytes = Unpooled.buffer();
    for (char t : new char[] {'B', 'E', 'S', 'B', 'E', 'S'}) {
      bytes.writeByte(t).writeInt(4);
    }
    List<Object> out = decode(decoder, bytes);
    assertThat(out).singleElement().isInstanceOf(FrameChunk.class);
    FrameChunk run = (FrameChunk) out.getFirst();
    assertThat(run.isRun()).isTrue();
    relay.fromClient(run);
    assertThat(upstream).singleElement();
    assertThat(upstream.getFirst().readableBytes()).isEqualTo(30);
    relay.fromUpstream(frame(new ReadyForQuery('I').encode(ALLOC)));
    assertThat(relay.idle()).isFalse(); // two Syncs, one answer so far
    relay.fromUpstream(frame(new ReadyForQuery('I').encode(ALLOC)));
    assertThat(relay.idle()).isTrue();
  }

  @Test
  void aRunWithoutSyncLeavesTheSessionUnsynced() {
    FrameDecoder decoder = new FrameDecoder(1 << 20);
    decoder.relayRuns("BEDCHS", relay::acceptsRuns);
    ByteBuf bytes = Unpooled.buffer();
    bytes.writeByte('B').writeInt(4).writeByte('E').writeInt(4).writeByte('H').writeInt(4);
    List<Object> out = decode(decoder, bytes);
    relay.fromClient((FrameChunk) out.getFirst());
    assertThat(relay.idle()).isFalse();
  }

  @Test
  void noRunsWhileDiscardingUntilSync() {
    relay.fromClient(frame(new Parse("", "SELECT forbidden", new int[0]).encode(ALLOC)));
    assertThat(relay.acceptsRuns()).isFalse();
    relay.fromClient(frame('S'));
    assertThat(relay.acceptsRuns()).isTrue();
  }

  @Test
  void theSessionGateHearsParameterStatusAndReadyForQuery() {
    List<String> heard = new ArrayList<>();
    StatementGate gate =
        new StatementGate() {
          @Override
          public GateDecision check(GateSession session, GateStatement statement) {
            return GateDecision.allow();
          }

          @Override
          public SessionGate open(GateSession session) {
            return new SessionGate() {
              @Override
              public GateDecision check(GateStatement statement) {
                heard.add("check " + statement.sql());
                return GateDecision.allow();
              }

              @Override
              public void parameterStatus(String name, String value) {
                heard.add(name + "=" + value);
              }

              @Override
              public void readyForQuery(char status, boolean caughtUp) {
                heard.add("ready " + status + " " + caughtUp);
              }

              @Override
              public void close() {
                heard.add("closed");
              }
            };
          }
        };
    StatementRelay r =
        new StatementRelay(
            gate,
            new ProxyMetrics(new SimpleMeterRegistry()),
            new GateSession(3, "u", Set.of(), "db", "", "127.0.0.1"),
            "marker_z",
            "UTF8",
            new NullSink(upstream, client));
    r.fromClient(frame(new Query("BEGIN").encode(ALLOC)));
    r.fromClient(frame(new Query("SET TimeZone = 'UTC'").encode(ALLOC)));
    r.fromUpstream(frame(new ReadyForQuery('T').encode(ALLOC)));
    r.fromUpstream(frame(new ParameterStatus("TimeZone", "UTC").encode(ALLOC)));
    r.fromUpstream(frame(new ReadyForQuery('T').encode(ALLOC)));
    r.close();
    r.close();
    assertThat(heard)
        .containsExactly(
            "check BEGIN",
            "check SET TimeZone = 'UTC'",
            "ready T false",
            "TimeZone=UTC",
            "ready T true",
            "closed");
  }

  @Test
  void aGateThatObservesOutcomesHearsTagsErrorsEmptyQueriesAndSyncs() {
    List<String> heard = new ArrayList<>();
    SessionGate observing =
        new SessionGate() {
          @Override
          public GateDecision check(GateStatement statement) {
            heard.add("check " + statement.sql());
            return GateDecision.allow();
          }

          @Override
          public boolean observesOutcomes() {
            return true;
          }

          @Override
          public void commandComplete(String tag) {
            heard.add("complete " + tag);
          }

          @Override
          public void statementFailed(String sqlState) {
            heard.add("failed " + sqlState);
          }

          @Override
          public void emptyQuery() {
            heard.add("empty");
          }

          @Override
          public void sync() {
            heard.add("sync");
          }
        };
    StatementRelay r =
        new StatementRelay(
            observing,
            new ProxyMetrics(new SimpleMeterRegistry()),
            new GateSession(4, "u", Set.of(), "db", "", "127.0.0.1"),
            "marker_o",
            "UTF8",
            new NullSink(upstream, client));
    r.fromClient(frame(new Query("SELECT 1").encode(ALLOC)));
    // a run of relay-only messages as the upstream decoder hands it over: DataRow, CommandComplete
    ByteBuf run =
        Unpooled.buffer()
            .writeByte('D')
            .writeInt(4 + 2 + 4 + 1)
            .writeShort(1)
            .writeInt(1)
            .writeByte('1')
            .writeByte('C')
            .writeInt(4 + 9)
            .writeBytes("SELECT 1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    r.observeUpstreamRun(run);
    assertThat(run.readerIndex()).as("the run is only looked at").isZero();
    run.release();
    r.fromUpstream(frame(new ReadyForQuery('I').encode(ALLOC)));
    r.fromClient(frame(new Parse("", "SELECT 1 / 0", new int[0]).encode(ALLOC)));
    r.fromClient(frame('S'));
    r.fromUpstream(
        frame(ErrorResponse.error("22012", "division by zero", null, null).encode(ALLOC)));
    r.fromUpstream(frame('I'));
    r.fromUpstream(frame('C', "INSERT 0 1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    r.close();
    assertThat(heard)
        .containsExactly(
            "check SELECT 1",
            "complete SELECT 1",
            "check SELECT 1 / 0",
            "sync",
            "failed 22012",
            "empty",
            "complete INSERT 0 1");
  }

  /** A sink that collects what is sent and runs tasks at once. */
  private record NullSink(List<ByteBuf> upstream, List<ByteBuf> client)
      implements StatementRelay.Sink {
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

    @Override
    public void holdClient(boolean hold) {}

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void flush() {}
  }
}

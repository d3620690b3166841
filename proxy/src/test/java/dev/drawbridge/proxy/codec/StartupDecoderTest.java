package dev.drawbridge.proxy.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.protocol.frontend.CancelRequest;
import dev.drawbridge.proxy.protocol.frontend.GSSENCRequest;
import dev.drawbridge.proxy.protocol.frontend.SSLRequest;
import dev.drawbridge.proxy.protocol.frontend.StartupMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupDecoderTest {

  private static byte[] startupBytes(int version, String... kv) {
    Bytes body = Bytes.of().i32(version);
    for (String s : kv) {
      body.cstr(s);
    }
    body.b(0);
    byte[] b = body.bytes();
    return Bytes.of().i32(b.length + 4).raw(b).bytes();
  }

  @Test
  void startupMessageByteByByteThenRegularFrames() {
    EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
    byte[] startup =
        startupBytes(
            0x00030000,
            "user",
            "alice",
            "database",
            "db",
            "options",
            "-c search_path=x",
            "replication",
            "database");
    byte[] query = Bytes.message('Q', Bytes.of().cstr("SELECT 1"));
    Bytes.feedByteByByte(ch, Bytes.of().raw(startup).raw(query).bytes());
    StartupMessage m = ch.readInbound();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("user", "alice");
    expected.put("database", "db");
    expected.put("options", "-c search_path=x");
    expected.put("replication", "database");
    assertThat(m).isEqualTo(new StartupMessage(3, 0, expected));
    assertThat(Bytes.hexAndRelease(m.encode(ch.alloc()))).isEqualTo(Bytes.hex(startup));
    Frame f = ch.readInbound();
    assertThat(Bytes.hex(f.content())).isEqualTo(Bytes.hex(query));
    f.release();
    assertThat(ch.pipeline().get(FrameDecoder.class)).isNotNull();
    assertThat(ch.pipeline().get(StartupDecoder.class)).isNull();
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void bytesAfterStartupInTheSameBufferReachTheFrameDecoder() {
    EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
    byte[] startup = startupBytes(0x00030000, "user", "u");
    byte[] terminate = Bytes.message('X', Bytes.of());
    ch.writeInbound(Unpooled.wrappedBuffer(Bytes.of().raw(startup).raw(terminate).bytes()));
    assertThat((Object) ch.readInbound()).isInstanceOf(StartupMessage.class);
    Frame f = ch.readInbound();
    assertThat((char) f.type()).isEqualTo('X');
    f.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void gssencThenSslThenStartup() {
    EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
    Bytes.feedByteByByte(ch, Bytes.of().i32(8).i32(80877104).bytes());
    assertThat((Object) ch.readInbound()).isEqualTo(new GSSENCRequest());
    Bytes.feedByteByByte(ch, Bytes.of().i32(8).i32(80877103).bytes());
    assertThat((Object) ch.readInbound()).isEqualTo(new SSLRequest());
    Bytes.feedByteByByte(ch, startupBytes(0x00030002, "user", "u", "_pq_.x", "1"));
    StartupMessage m = ch.readInbound();
    assertThat(m.majorVersion()).isEqualTo(3);
    assertThat(m.minorVersion()).isEqualTo(2);
    assertThat(m.parameters()).containsKeys("user", "_pq_.x");
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void secondSslRequestIsTreatedAsAnUnknownProtocolVersion() {
    EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
    ch.writeInbound(Unpooled.wrappedBuffer(Bytes.of().i32(8).i32(80877103).bytes()));
    assertThat((Object) ch.readInbound()).isEqualTo(new SSLRequest());
    ch.writeInbound(Unpooled.wrappedBuffer(Bytes.of().i32(8).i32(80877103).bytes()));
    StartupMessage m = ch.readInbound();
    assertThat(m.majorVersion()).isEqualTo(1234);
    assertThat(m.minorVersion()).isEqualTo(5679);
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void plaintextPipelinedAfterSslRequestIsRefused() {
    EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
    byte[] sslAndStartup =
        Bytes.of().i32(8).i32(80877103).raw(startupBytes(0x00030000, "user", "u")).bytes();
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(sslAndStartup)))
        .isInstanceOfSatisfying(
            ProtocolViolationException.class,
            e -> {
              assertThat(e.sqlState()).isEqualTo("08P01");
              assertThat(e.getMessage()).isEqualTo("received unencrypted data after SSL request");
            });
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void cancelRequest() {
    EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
    byte[] cancel = Bytes.of().i32(16).i32(80877102).i32(4242).i32(-7).bytes();
    Bytes.feedByteByByte(ch, cancel);
    CancelRequest r = ch.readInbound();
    assertThat(r).isEqualTo(new CancelRequest(4242, -7));
    assertThat(Bytes.hexAndRelease(r.encode(ch.alloc()))).isEqualTo(Bytes.hex(cancel));
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void invalidLengthsAreRefusedBeforeBuffering() {
    for (int length : new int[] {0, 7, 10_001, Integer.MAX_VALUE, -1}) {
      EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
      assertThatThrownBy(() -> Bytes.feedByteByByte(ch, Bytes.of().i32(length).bytes()))
          .isInstanceOfSatisfying(
              ProtocolViolationException.class,
              e -> assertThat(e.getMessage()).isEqualTo("invalid length of startup packet"));
      assertThat(ch.finish()).isFalse();
    }
  }

  @Test
  void missingTerminatorIsRefused() {
    EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(1 << 20));
    byte[] bad = Bytes.of().i32(4 + 4 + 5).i32(0x00030000).cstr("user").bytes();
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bad)))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("invalid startup packet layout");
    assertThat(ch.finish()).isFalse();
  }
}

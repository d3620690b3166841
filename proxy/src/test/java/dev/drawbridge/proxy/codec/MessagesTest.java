package dev.drawbridge.proxy.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.backend.BackendKeyData;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.backend.NegotiateProtocolVersion;
import dev.drawbridge.proxy.protocol.backend.ParameterStatus;
import dev.drawbridge.proxy.protocol.backend.ReadyForQuery;
import dev.drawbridge.proxy.protocol.frontend.Parse;
import dev.drawbridge.proxy.protocol.frontend.PasswordMessage;
import dev.drawbridge.proxy.protocol.frontend.Query;
import dev.drawbridge.proxy.protocol.frontend.SASLInitialResponse;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact bytes of the messages the proxy decodes and encodes, fed through the frame decoder. */
class MessagesTest {

  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

  /** Frames the bytes one at a time and returns the single frame. */
  private static Frame frame(byte[] bytes) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1 << 20));
    Bytes.feedByteByByte(ch, bytes);
    Frame f = ch.readInbound();
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
    return f;
  }

  @Test
  void query() {
    byte[] wire = Bytes.message('Q', Bytes.of().cstr("SELECT 'ü'"));
    Frame f = frame(wire);
    try {
      assertThat(Query.decode(f.body())).isEqualTo(new Query("SELECT 'ü'"));
    } finally {
      f.release();
    }
    assertThat(Bytes.hexAndRelease(new Query("SELECT 'ü'").encode(ALLOC)))
        .isEqualTo(Bytes.hex(wire));
  }

  @Test
  void parse() {
    byte[] wire = Bytes.message('P', Bytes.of().cstr("s1").cstr("SELECT $1").i16(2).i32(23).i32(0));
    Frame f = frame(wire);
    try {
      assertThat(Parse.decode(f.body())).isEqualTo(new Parse("s1", "SELECT $1", new int[] {23, 0}));
    } finally {
      f.release();
    }
    assertThat(Bytes.hexAndRelease(new Parse("s1", "SELECT $1", new int[] {23, 0}).encode(ALLOC)))
        .isEqualTo(Bytes.hex(wire));
  }

  @Test
  void errorResponseBuiltInOnePlace() {
    byte[] wire =
        Bytes.message(
            'E',
            Bytes.of()
                .b('S')
                .cstr("ERROR")
                .b('V')
                .cstr("ERROR")
                .b('C')
                .cstr("42501")
                .b('M')
                .cstr("denied")
                .b('D')
                .cstr("detail")
                .b('H')
                .cstr("hint")
                .b(0));
    assertThat(
            Bytes.hexAndRelease(
                ErrorResponse.error("42501", "denied", "detail", "hint").encode(ALLOC)))
        .isEqualTo(Bytes.hex(wire));
    Frame f = frame(wire);
    try {
      ErrorResponse e = ErrorResponse.decode(f.body());
      assertThat(e.sqlState()).isEqualTo("42501");
      assertThat(e.message()).isEqualTo("denied");
      assertThat(e.isFatal()).isFalse();
    } finally {
      f.release();
    }
    byte[] fatal =
        Bytes.message(
            'E',
            Bytes.of()
                .b('S')
                .cstr("FATAL")
                .b('V')
                .cstr("FATAL")
                .b('C')
                .cstr("53300")
                .b('M')
                .cstr("sorry, too many clients already")
                .b(0));
    assertThat(
            Bytes.hexAndRelease(
                ErrorResponse.fatal("53300", "sorry, too many clients already").encode(ALLOC)))
        .isEqualTo(Bytes.hex(fatal));
  }

  @Test
  void authenticationRequests() {
    byte[] sasl =
        Bytes.message(
            'R', Bytes.of().i32(10).cstr("SCRAM-SHA-256-PLUS").cstr("SCRAM-SHA-256").b(0));
    Frame f = frame(sasl);
    try {
      assertThat(Authentication.decode(f.body()))
          .isEqualTo(
              new Authentication.AuthenticationSASL(
                  List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")));
    } finally {
      f.release();
    }
    assertThat(
            Bytes.hexAndRelease(
                new Authentication.AuthenticationSASL(
                        List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"))
                    .encode(ALLOC)))
        .isEqualTo(Bytes.hex(sasl));
    byte[] md5 = Bytes.message('R', Bytes.of().i32(5).b(1, 2, 3, 4));
    Frame m = frame(md5);
    try {
      var decoded = (Authentication.AuthenticationMD5Password) Authentication.decode(m.body());
      assertThat(decoded.salt()).containsExactly(1, 2, 3, 4);
    } finally {
      m.release();
    }
    assertThat(Bytes.hexAndRelease(new Authentication.AuthenticationOk().encode(ALLOC)))
        .isEqualTo(Bytes.hex(Bytes.message('R', Bytes.of().i32(0))));
  }

  @Test
  void sessionMessages() {
    assertThat(Bytes.hexAndRelease(new BackendKeyData(77, -2).encode(ALLOC)))
        .isEqualTo(Bytes.hex(Bytes.message('K', Bytes.of().i32(77).i32(-2))));
    assertThat(Bytes.hexAndRelease(new ReadyForQuery('T').encode(ALLOC)))
        .isEqualTo(Bytes.hex(Bytes.message('Z', Bytes.of().b('T'))));
    assertThat(Bytes.hexAndRelease(new ParameterStatus("a", "b").encode(ALLOC)))
        .isEqualTo(Bytes.hex(Bytes.message('S', Bytes.of().cstr("a").cstr("b"))));
    assertThat(
            Bytes.hexAndRelease(new NegotiateProtocolVersion(0, List.of("_pq_.x")).encode(ALLOC)))
        .isEqualTo(Bytes.hex(Bytes.message('v', Bytes.of().i32(0).i32(1).cstr("_pq_.x"))));
    Frame k = frame(Bytes.message('K', Bytes.of().i32(77).i32(-2)));
    try {
      assertThat(BackendKeyData.decode(k.body())).isEqualTo(new BackendKeyData(77, -2));
    } finally {
      k.release();
    }
    Frame z = frame(Bytes.message('Z', Bytes.of().b('E')));
    try {
      assertThat(ReadyForQuery.decode(z.body())).isEqualTo(new ReadyForQuery('E'));
    } finally {
      z.release();
    }
  }

  @Test
  void passwordAndSasl() {
    byte[] pw = Bytes.message('p', Bytes.of().cstr("secret"));
    Frame f = frame(pw);
    try {
      assertThat(PasswordMessage.decode(f.body())).isEqualTo(new PasswordMessage("secret"));
    } finally {
      f.release();
    }
    byte[] data = "n,,n=,r=abc".getBytes(StandardCharsets.UTF_8);
    byte[] initial =
        Bytes.message('p', Bytes.of().cstr("SCRAM-SHA-256").i32(data.length).raw(data));
    Frame s = frame(initial);
    try {
      SASLInitialResponse r = SASLInitialResponse.decode(s.body());
      assertThat(r.mechanism()).isEqualTo("SCRAM-SHA-256");
      assertThat(r.data()).isEqualTo(data);
    } finally {
      s.release();
    }
    assertThat(Bytes.hexAndRelease(new SASLInitialResponse("SCRAM-SHA-256", data).encode(ALLOC)))
        .isEqualTo(Bytes.hex(initial));
    // a slice of a composite read buffer decodes the same
    var composite =
        Unpooled.wrappedBuffer(
            Unpooled.wrappedBuffer(pw, 0, 3), Unpooled.wrappedBuffer(pw, 3, pw.length - 3));
    Frame c = new Frame(composite);
    try {
      assertThat(PasswordMessage.decode(c.body()).password()).isEqualTo("secret");
    } finally {
      c.release();
    }
  }

  @Test
  void bytesAfterTheQueryStringAreRefused() {
    Frame f = frame(Bytes.message('Q', Bytes.of().cstr("SELECT 1").cstr("DROP TABLE t")));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Query.decode(f.body()))
          .isInstanceOf(ProtocolViolationException.class);
    } finally {
      f.release();
    }
  }
}

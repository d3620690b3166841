package dev.drawbridge.proxy.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  @Test
  void framesMessagesFedOneByteAtATime() {
    byte[] query = Bytes.message('Q', Bytes.of().cstr("SELECT 1"));
    byte[] sync = Bytes.message('S', Bytes.of());
    byte[] copyData = Bytes.message('d', Bytes.of().raw(new byte[300]));
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
    Bytes.feedByteByByte(ch, Bytes.of().raw(query).raw(sync).raw(copyData).bytes());
    for (byte[] expected : new byte[][] {query, sync, copyData}) {
      Frame f = ch.readInbound();
      try {
        assertThat(f.type()).isEqualTo(expected[0]);
        assertThat(f.size()).isEqualTo(expected.length);
        assertThat(Bytes.hex(f.content())).isEqualTo(Bytes.hex(expected));
      } finally {
        f.release();
      }
    }
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void framesAreSlicesOfOneReadBuffer() {
    byte[] two =
        Bytes.of()
            .raw(Bytes.message('B', Bytes.of().cstr("").cstr("").i16(0).i16(0).i16(0)))
            .raw(Bytes.message('E', Bytes.of().cstr("").i32(0)))
            .bytes();
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
    ch.writeInbound(Unpooled.wrappedBuffer(two));
    Frame bind = ch.readInbound();
    Frame execute = ch.readInbound();
    assertThat((char) bind.type()).isEqualTo('B');
    assertThat((char) execute.type()).isEqualTo('E');
    assertThat(bind.body().readableBytes()).isEqualTo(8);
    bind.release();
    execute.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void oversizedLengthFailsBeforeAnythingIsBuffered() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
    byte[] header = Bytes.of().b('Q').i32(Integer.MAX_VALUE).bytes();
    for (int i = 0; i < 4; i++) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {header[i]}));
    }
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {header[4]})))
        .isInstanceOfSatisfying(
            ProtocolViolationException.class,
            e -> assertThat(e.sqlState()).isEqualTo(SqlState.PROGRAM_LIMIT_EXCEEDED));
    // everything after the bad header is dropped
    ch.writeInbound(Unpooled.wrappedBuffer(Bytes.message('S', Bytes.of())));
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void lengthBelowFourIsAProtocolViolation() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
    assertThatThrownBy(
            () -> ch.writeInbound(Unpooled.wrappedBuffer(Bytes.of().b('Q').i32(3).bytes())))
        .isInstanceOfSatisfying(
            ProtocolViolationException.class,
            e -> {
              assertThat(e.sqlState()).isEqualTo(SqlState.PROTOCOL_VIOLATION);
              assertThat(e.getMessage()).isEqualTo("invalid message length");
            });
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void messageAtTheLimitPasses() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
    byte[] m = Bytes.message('d', Bytes.of().raw(new byte[1020]));
    ch.writeInbound(Unpooled.wrappedBuffer(m));
    Frame f = ch.readInbound();
    assertThat(f.size()).isEqualTo(1025);
    f.release();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void largeRelayedMessagesAreStreamedInChunks() {
    byte[] big = Bytes.message('D', Bytes.of().i16(1).i32(200).raw(new byte[200]));
    byte[] small = Bytes.message('D', Bytes.of().i16(0));
    byte[] bigQuery = Bytes.message('Q', Bytes.of().raw(new byte[150]).b(0));
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024, 64, "Dd"));
    Bytes.feedByteByByte(ch, Bytes.of().raw(big).raw(small).raw(bigQuery).bytes());
    java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
    Object msg;
    boolean sawLast = false;
    while ((msg = ch.readInbound()) instanceof FrameChunk chunk) {
      assertThat((char) chunk.type()).isEqualTo('D');
      assertThat(sawLast).isFalse();
      sawLast = chunk.isLast();
      streamed.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(chunk.content()));
      chunk.release();
    }
    assertThat(sawLast).isTrue();
    assertThat(Bytes.hex(streamed.toByteArray())).isEqualTo(Bytes.hex(big));
    // a small message of the same type, and a large one of a type that must be inspected, come
    // whole
    Frame f = (Frame) msg;
    assertThat(Bytes.hex(f.content())).isEqualTo(Bytes.hex(small));
    f.release();
    Frame q = ch.readInbound();
    assertThat(Bytes.hex(q.content())).isEqualTo(Bytes.hex(bigQuery));
    q.release();
    assertThat((Object) ch.readInbound()).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void runsOfRelayOnlyMessagesBecomeOneSlice() {
    byte[] row1 = Bytes.message('D', Bytes.of().i16(1).i32(1).b('1'));
    byte[] row2 = Bytes.message('D', Bytes.of().i16(1).i32(1).b('2'));
    byte[] complete = Bytes.message('C', Bytes.of().cstr("SELECT 2"));
    byte[] ready = Bytes.message('Z', Bytes.of().b('I'));
    byte[] notice = Bytes.message('N', Bytes.of().b(0));
    byte[] all = Bytes.of().raw(row1).raw(row2).raw(complete).raw(ready).raw(notice).bytes();
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024, 64, "D", "DCN"));
    ch.writeInbound(Unpooled.wrappedBuffer(all));
    FrameChunk run = ch.readInbound();
    assertThat(run.isLast()).isTrue();
    assertThat(Bytes.hex(run.content()))
        .isEqualTo(Bytes.hex(Bytes.of().raw(row1).raw(row2).raw(complete).bytes()));
    run.release();
    Frame z = ch.readInbound();
    assertThat(Bytes.hex(z.content())).isEqualTo(Bytes.hex(ready));
    z.release();
    FrameChunk n = ch.readInbound();
    assertThat(Bytes.hex(n.content())).isEqualTo(Bytes.hex(notice));
    n.release();
    assertThat((Object) ch.readInbound()).isNull();
    // byte by byte, every message still arrives whole and in order
    Bytes.feedByteByByte(ch, all);
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    Object m;
    while ((m = ch.readInbound()) != null) {
      io.netty.buffer.ByteBufHolder h = (io.netty.buffer.ByteBufHolder) m;
      got.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(h.content()));
      h.release();
    }
    assertThat(Bytes.hex(got.toByteArray())).isEqualTo(Bytes.hex(all));
    assertThat(ch.finish()).isFalse();
  }
}

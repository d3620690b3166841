package dev.drawbridge.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds exact wire bytes by hand, independently of the encoders under test. */
final class Bytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Bytes of() {
    return new Bytes();
  }

  Bytes b(int... values) {
    for (int v : values) {
      out.write(v);
    }
    return this;
  }

  Bytes i32(int v) {
    return b(v >>> 24 & 0xFF, v >>> 16 & 0xFF, v >>> 8 & 0xFF, v & 0xFF);
  }

  Bytes i16(int v) {
    return b(v >>> 8 & 0xFF, v & 0xFF);
  }

  Bytes cstr(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    return this;
  }

  Bytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** A regular message: type, length (including itself), body. */
  static byte[] message(char type, Bytes body) {
    byte[] b = body.bytes();
    return Bytes.of().b(type).i32(b.length + 4).raw(b).bytes();
  }

  static String hex(ByteBuf buf) {
    return ByteBufUtil.hexDump(buf);
  }

  static String hex(byte[] bytes) {
    return ByteBufUtil.hexDump(bytes);
  }

  /** Feeds the bytes one at a time, as the slowest TCP would. */
  static void feedByteByByte(EmbeddedChannel ch, byte[] bytes) {
    for (byte x : bytes) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
    }
  }

  /** Hex of an encoded buffer, releasing it. */
  static String hexAndRelease(ByteBuf buf) {
    try {
      return hex(buf);
    } finally {
      buf.release();
    }
  }
}

package dev.drawbridge.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Primitive reads and writes of the PostgreSQL wire format: null-terminated strings and the
 * length-prefixed message envelope. Strings are UTF-8 (the only client encoding the gateway
 * inspects).
 */
public final class Wire {

  private Wire() {}

  /**
   * Reads a null-terminated string and moves past the terminator.
   *
   * @throws ProtocolViolationException when no terminator is left in the buffer
   */
  public static String readCString(ByteBuf buf) {
    return readCString(buf, StandardCharsets.UTF_8);
  }

  /** Reads a null-terminated string in the given encoding and moves past the terminator. */
  public static String readCString(ByteBuf buf, Charset charset) {
    int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolViolationException(
          SqlState.PROTOCOL_VIOLATION, "invalid string in message");
    }
    String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), charset);
    buf.readerIndex(end + 1);
    return s;
  }

  /** Writes a string followed by its null terminator. */
  public static void writeCString(ByteBuf buf, String s) {
    ByteBufUtil.writeUtf8(buf, s);
    buf.writeByte(0);
  }

  /** Writes a string in the given encoding followed by its null terminator. */
  public static void writeCString(ByteBuf buf, String s, Charset charset) {
    if (charset == StandardCharsets.UTF_8) {
      ByteBufUtil.writeUtf8(buf, s);
    } else {
      buf.writeCharSequence(s, charset);
    }
    buf.writeByte(0);
  }

  /** Starts a regular message: type byte and a length placeholder. */
  public static ByteBuf begin(ByteBufAllocator alloc, char type, int bodyHint) {
    ByteBuf buf = alloc.buffer(5 + bodyHint);
    buf.writeByte(type);
    buf.writeInt(0);
    return buf;
  }

  /** Starts a startup-phase packet (no type byte): a length placeholder. */
  public static ByteBuf beginUntyped(ByteBufAllocator alloc, int bodyHint) {
    ByteBuf buf = alloc.buffer(4 + bodyHint);
    buf.writeInt(0);
    return buf;
  }

  /** Fills in the length of a message started with {@link #begin}. */
  public static ByteBuf finish(ByteBuf buf) {
    buf.setInt(1, buf.writerIndex() - 1);
    return buf;
  }

  /** Fills in the length of a packet started with {@link #beginUntyped}. */
  public static ByteBuf finishUntyped(ByteBuf buf) {
    buf.setInt(0, buf.writerIndex());
    return buf;
  }

  /** A message made of the type byte and the length word only. */
  public static ByteBuf empty(ByteBufAllocator alloc, char type) {
    return alloc.buffer(5).writeByte(type).writeInt(4);
  }
}

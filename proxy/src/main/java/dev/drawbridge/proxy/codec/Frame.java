package dev.drawbridge.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One regular protocol message as it came off the wire: the type byte, the length word and the
 * body, kept as a retained slice of the read buffer so that it can be relayed without copying.
 * Whoever consumes a frame releases it (writing it to a channel counts).
 */
public final class Frame extends DefaultByteBufHolder {

  private final byte type;

  /**
   * @param content the whole message, starting with the type byte
   */
  public Frame(ByteBuf content) {
    super(content);
    this.type = content.getByte(content.readerIndex());
  }

  /** The message type byte, for example {@code 'Q'}. */
  public byte type() {
    return type;
  }

  /** Total size on the wire, type byte included. */
  public int size() {
    return content().readableBytes();
  }

  /** A view of the body (after the length word); not retained, valid while the frame is. */
  public ByteBuf body() {
    ByteBuf c = content();
    return c.slice(c.readerIndex() + 5, c.readableBytes() - 5);
  }

  @Override
  public Frame replace(ByteBuf content) {
    return new Frame(content);
  }

  @Override
  public Frame retain() {
    super.retain();
    return this;
  }

  @Override
  public Frame touch(Object hint) {
    super.touch(hint);
    return this;
  }

  @Override
  public String toString() {
    return "Frame[" + (char) type + ", " + size() + " bytes]";
  }
}

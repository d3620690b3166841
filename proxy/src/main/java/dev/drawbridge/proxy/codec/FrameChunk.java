package dev.drawbridge.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A piece of a large message that the {@link FrameDecoder} streams instead of buffering whole: the
 * first chunk starts with the type byte and length word, the following ones continue the body. Only
 * message types that are relayed without inspection (DataRow, CopyData) are streamed.
 */
public final class FrameChunk extends DefaultByteBufHolder {

  private final byte type;
  private final boolean last;

  FrameChunk(byte type, ByteBuf content, boolean last) {
    super(content);
    this.type = type;
    this.last = last;
  }

  /** The type byte of the message this chunk belongs to. */
  public byte type() {
    return type;
  }

  /** True for the chunk that completes the message. */
  public boolean isLast() {
    return last;
  }

  public int size() {
    return content().readableBytes();
  }

  @Override
  public FrameChunk replace(ByteBuf content) {
    return new FrameChunk(type, content, last);
  }

  @Override
  public String toString() {
    return "FrameChunk[" + (char) type + ", " + size() + " bytes" + (last ? ", last]" : "]");
  }
}

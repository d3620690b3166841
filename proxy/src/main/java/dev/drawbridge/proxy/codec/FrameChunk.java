package dev.drawbridge.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * Bytes the {@link FrameDecoder} hands on to be relayed without inspection: either a piece of a
 * large message that is streamed instead of buffered whole (the first piece starts with the type
 * byte and length word, the following ones continue the body), or a run of several complete
 * messages of relay-only types, passed on as one slice.
 */
public final class FrameChunk extends DefaultByteBufHolder {

  private final byte type;
  private final boolean last;

  FrameChunk(byte type, ByteBuf content, boolean last) {
    super(content);
    this.type = type;
    this.last = last;
  }

  /** The type byte of the (first) message this chunk belongs to. */
  public byte type() {
    return type;
  }

  /** True for the chunk that completes the message (always true for a run of messages). */
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

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
  private final boolean run;

  FrameChunk(byte type, ByteBuf content, boolean last, boolean run) {
    super(content);
    this.type = type;
    this.last = last;
    this.run = run;
  }

  /** A piece of one large message. */
  static FrameChunk piece(byte type, ByteBuf content, boolean last) {
    return new FrameChunk(type, content, last, false);
  }

  /** A run of complete messages. */
  static FrameChunk run(byte firstType, ByteBuf content) {
    return new FrameChunk(firstType, content, true, true);
  }

  /** True for a run of complete messages, false for a piece of one large message. */
  public boolean isRun() {
    return run;
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
    return new FrameChunk(type, content, last, run);
  }

  @Override
  public String toString() {
    return "FrameChunk["
        + (char) type
        + ", "
        + size()
        + " bytes"
        + (run ? ", run]" : last ? ", last]" : "]");
  }
}

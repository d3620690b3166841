package dev.drawbridge.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames regular messages (type byte, int32 length including itself, body) into {@link Frame}s. The
 * claimed length is checked against the limit before anything is buffered for it, so a peer cannot
 * make the proxy allocate what it claims; a bad length fails the stream for good.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  private final int maxMessageSize;
  private boolean failed;

  /**
   * @param maxMessageSize the largest accepted message, length word included
   */
  public FrameDecoder(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < 5) {
      return;
    }
    int start = in.readerIndex();
    int length = in.getInt(start + 1);
    if (length < 4) {
      fail(in);
      throw new ProtocolViolationException(SqlState.PROTOCOL_VIOLATION, "invalid message length");
    }
    if (length > maxMessageSize) {
      fail(in);
      throw new ProtocolViolationException(
          SqlState.PROGRAM_LIMIT_EXCEEDED,
          "message of " + length + " bytes exceeds the limit of " + maxMessageSize + " bytes");
    }
    if (in.readableBytes() - 1 < length) {
      return;
    }
    out.add(new Frame(in.readRetainedSlice(length + 1)));
  }

  private void fail(ByteBuf in) {
    failed = true;
    in.skipBytes(in.readableBytes());
  }
}

package dev.drawbridge.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Frames regular messages (type byte, int32 length including itself, body) into {@link Frame}s. The
 * claimed length is checked against the limit before anything is buffered for it, so a peer cannot
 * make the proxy allocate what it claims; a bad length fails the stream for good.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  private final int maxMessageSize;
  private final int streamThreshold;
  private final boolean[] streamable = new boolean[256];
  private final boolean[] relayOnly = new boolean[256];
  private BooleanSupplier runsAllowed = () -> true;
  private boolean failed;
  private int streamRemaining;
  private byte streamType;

  /**
   * A decoder that buffers every message whole.
   *
   * @param maxMessageSize the largest accepted message, length word included
   */
  public FrameDecoder(int maxMessageSize) {
    this(maxMessageSize, Integer.MAX_VALUE, "");
  }

  /**
   * A decoder that streams large messages of some types as {@link FrameChunk}s instead of buffering
   * them, so that a huge DataRow or CopyData never sits whole in memory.
   *
   * @param maxMessageSize the largest accepted message, length word included
   * @param streamThreshold messages longer than this are streamed (if their type allows)
   * @param streamableTypes the type bytes that may be streamed, for example "Dd"
   */
  public FrameDecoder(int maxMessageSize, int streamThreshold, String streamableTypes) {
    this(maxMessageSize, streamThreshold, streamableTypes, "");
  }

  /**
   * Like the three-argument constructor; in addition, runs of consecutive complete messages whose
   * types are in {@code relayOnlyTypes} are emitted as one {@link FrameChunk} (one slice, one write
   * downstream) instead of a {@link Frame} each. Only for types the reader never inspects.
   *
   * @param relayOnlyTypes the type bytes that may be merged into runs, for example "DC"
   */
  public FrameDecoder(
      int maxMessageSize, int streamThreshold, String streamableTypes, String relayOnlyTypes) {
    this.maxMessageSize = maxMessageSize;
    this.streamThreshold = streamThreshold;
    for (char c : streamableTypes.toCharArray()) {
      streamable[c & 0xFF] = true;
    }
    for (char c : relayOnlyTypes.toCharArray()) {
      relayOnly[c & 0xFF] = true;
    }
  }

  /**
   * From now on, merges runs of complete messages of these types into one {@link FrameChunk}
   * whenever the reader says it can take one. The reader's answer is asked before each run, so it
   * may depend on the messages it has just been given. Call on the channel's event loop.
   *
   * @param types the type bytes that may be merged, for example "BEDCHS"
   * @param allowed asked before each run
   */
  public void relayRuns(String types, BooleanSupplier allowed) {
    for (char c : types.toCharArray()) {
      relayOnly[c & 0xFF] = true;
    }
    runsAllowed = allowed;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (streamRemaining > 0) {
      int n = Math.min(streamRemaining, in.readableBytes());
      if (n > 0) {
        streamRemaining -= n;
        out.add(FrameChunk.piece(streamType, in.readRetainedSlice(n), streamRemaining == 0));
      }
      return;
    }
    int run = runsAllowed.getAsBoolean() ? relayOnlyRun(in) : 0;
    if (run > 0) {
      byte first = in.getByte(in.readerIndex());
      out.add(FrameChunk.run(first, in.readRetainedSlice(run)));
      return;
    }
    if (in.readableBytes() < 5) {
      return;
    }
    int start = in.readerIndex();
    byte type = in.getByte(start);
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
    if (in.readableBytes() - 1 >= length) {
      out.add(new Frame(in.readRetainedSlice(length + 1)));
      return;
    }
    if (length > streamThreshold && streamable[type & 0xFF]) {
      // too big to wait for: relay what is here, the rest as it arrives
      int n = in.readableBytes();
      streamType = type;
      streamRemaining = length + 1 - n;
      out.add(FrameChunk.piece(type, in.readRetainedSlice(n), false));
    }
  }

  /** Length of the run of complete relay-only messages at the reader index (0 if none). */
  private int relayOnlyRun(ByteBuf in) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    int pos = start;
    while (end - pos >= 5 && relayOnly[in.getByte(pos) & 0xFF]) {
      int length = in.getInt(pos + 1);
      if (length < 4 || length > maxMessageSize || end - pos - 1 < length) {
        break; // incomplete, or invalid: the regular path deals with it
      }
      pos += length + 1;
    }
    return pos - start;
  }

  private void fail(ByteBuf in) {
    failed = true;
    in.skipBytes(in.readableBytes());
  }
}

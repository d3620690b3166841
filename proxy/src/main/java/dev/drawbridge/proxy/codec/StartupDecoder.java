package dev.drawbridge.proxy.codec;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.protocol.frontend.CancelRequest;
import dev.drawbridge.proxy.protocol.frontend.GSSENCRequest;
import dev.drawbridge.proxy.protocol.frontend.SSLRequest;
import dev.drawbridge.proxy.protocol.frontend.StartupMessage;
import dev.drawbridge.proxy.protocol.frontend.StartupPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the startup phase of a client connection, whose packets have no type byte: SSLRequest,
 * GSSENCRequest, CancelRequest and StartupMessage. Once a StartupMessage (or CancelRequest) is
 * decoded it replaces itself with a {@link FrameDecoder}, which receives any bytes already
 * buffered.
 *
 * <p>Bytes that arrive together with an SSLRequest or GSSENCRequest, before the answer was sent,
 * are refused: they were not protected by the encryption the client asked for (CVE-2021-23214).
 */
public final class StartupDecoder extends ByteToMessageDecoder {

  /** Relayed-only messages longer than this are streamed rather than buffered whole. */
  public static final int STREAM_THRESHOLD = 64 * 1024;

  private final int maxMessageSize;
  private boolean sslDone;
  private boolean gssDone;
  private boolean failed;

  /**
   * @param maxMessageSize limit for the {@link FrameDecoder} that takes over after startup
   */
  public StartupDecoder(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < 4) {
      return;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 8 || length > ProxyConfig.MAX_STARTUP_PACKET_SIZE) {
      throw fail(in, SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet");
    }
    if (in.readableBytes() < length) {
      return;
    }
    ByteBuf packet = in.readSlice(length);
    packet.skipBytes(4);
    int code = packet.readInt();
    StartupPacket decoded;
    if (code == StartupPacket.SSL_REQUEST_CODE && !sslDone && length == 8) {
      sslDone = true;
      gssDone = true;
      if (in.isReadable()) {
        throw fail(in, SqlState.PROTOCOL_VIOLATION, "received unencrypted data after SSL request");
      }
      decoded = new SSLRequest();
    } else if (code == StartupPacket.GSSENC_REQUEST_CODE && !gssDone && length == 8) {
      gssDone = true;
      if (in.isReadable()) {
        throw fail(
            in,
            SqlState.PROTOCOL_VIOLATION,
            "received unencrypted data after GSSAPI encryption request");
      }
      decoded = new GSSENCRequest();
    } else if (code == StartupPacket.CANCEL_REQUEST_CODE) {
      if (length != 16) {
        throw fail(in, SqlState.PROTOCOL_VIOLATION, "invalid length of cancel request packet");
      }
      decoded = new CancelRequest(packet.readInt(), packet.readInt());
      failed = true; // nothing may follow a cancel request
      in.skipBytes(in.readableBytes());
    } else {
      decoded = startupMessage(in, code >>> 16, code & 0xFFFF, packet);
      // CopyData is relayed without inspection: stream large ones instead of buffering them
      ctx.pipeline()
          .replace(this, "frames", new FrameDecoder(maxMessageSize, STREAM_THRESHOLD, "d"));
    }
    out.add(decoded);
  }

  private StartupMessage startupMessage(ByteBuf in, int major, int minor, ByteBuf packet) {
    Map<String, String> params = new LinkedHashMap<>();
    if (major == 3) {
      while (true) {
        if (!packet.isReadable()) {
          throw fail(
              in,
              SqlState.PROTOCOL_VIOLATION,
              "invalid startup packet layout: expected terminator as last byte");
        }
        if (packet.getByte(packet.readerIndex()) == 0) {
          packet.skipBytes(1);
          break;
        }
        String name = cstring(in, packet);
        String value = cstring(in, packet);
        params.put(name, value);
      }
      if (packet.isReadable()) {
        throw fail(
            in,
            SqlState.PROTOCOL_VIOLATION,
            "invalid startup packet layout: expected terminator as last byte");
      }
    }
    return new StartupMessage(major, minor, params);
  }

  private String cstring(ByteBuf in, ByteBuf packet) {
    int end = packet.indexOf(packet.readerIndex(), packet.writerIndex(), (byte) 0);
    if (end < 0) {
      throw fail(
          in,
          SqlState.PROTOCOL_VIOLATION,
          "invalid startup packet layout: expected terminator as last byte");
    }
    String s =
        packet.toString(packet.readerIndex(), end - packet.readerIndex(), StandardCharsets.UTF_8);
    packet.readerIndex(end + 1);
    return s;
  }

  private ProtocolViolationException fail(ByteBuf in, String sqlState, String message) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return new ProtocolViolationException(sqlState, message);
  }
}

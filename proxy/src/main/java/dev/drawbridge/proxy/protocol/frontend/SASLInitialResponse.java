package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * SASLInitialResponse ('p'): the chosen mechanism and the client-first-message.
 *
 * @param mechanism for example SCRAM-SHA-256
 * @param data the initial response, empty array when absent (length -1 on the wire)
 */
public record SASLInitialResponse(String mechanism, byte[] data) {

  public SASLInitialResponse {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public static SASLInitialResponse decode(ByteBuf body) {
    ByteBuf in = body.duplicate();
    String mechanism = Wire.readCString(in);
    if (in.readableBytes() < 4) {
      throw new ProtocolViolationException(
          SqlState.PROTOCOL_VIOLATION, "malformed SASLInitialResponse message");
    }
    int len = in.readInt();
    if (len == -1) {
      len = 0;
    }
    if (len < 0 || len != in.readableBytes()) {
      throw new ProtocolViolationException(
          SqlState.PROTOCOL_VIOLATION, "malformed SASLInitialResponse message");
    }
    byte[] data = new byte[len];
    in.readBytes(data);
    return new SASLInitialResponse(mechanism, data);
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf buf = Wire.begin(alloc, 'p', mechanism.length() + 5 + data.length);
    Wire.writeCString(buf, mechanism);
    buf.writeInt(data.length).writeBytes(data);
    return Wire.finish(buf);
  }
}

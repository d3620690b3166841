package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * SASLResponse ('p'): mechanism-specific data, for SCRAM the client-final-message.
 *
 * @param data the message bytes
 */
public record SASLResponse(byte[] data) {

  public SASLResponse {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public static SASLResponse decode(ByteBuf body) {
    return new SASLResponse(ByteBufUtil.getBytes(body));
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    return Wire.finish(Wire.begin(alloc, 'p', data.length).writeBytes(data));
  }
}

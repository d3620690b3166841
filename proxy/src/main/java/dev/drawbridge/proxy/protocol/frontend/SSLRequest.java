package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** SSLRequest: the client asks to switch to TLS. */
public record SSLRequest() implements StartupPacket {

  public ByteBuf encode(ByteBufAllocator alloc) {
    return Wire.finishUntyped(Wire.beginUntyped(alloc, 4).writeInt(SSL_REQUEST_CODE));
  }
}

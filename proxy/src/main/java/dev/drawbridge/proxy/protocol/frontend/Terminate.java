package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Terminate ('X'): the client closes the session. */
public record Terminate() {

  public static final byte TYPE = 'X';

  public ByteBuf encode(ByteBufAllocator alloc) {
    return Wire.empty(alloc, 'X');
  }
}

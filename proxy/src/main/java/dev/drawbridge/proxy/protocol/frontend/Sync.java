package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Sync ('S'): ends an extended-protocol batch; the server answers with ReadyForQuery. */
public record Sync() {

  public static final byte TYPE = 'S';

  public ByteBuf encode(ByteBufAllocator alloc) {
    return Wire.empty(alloc, 'S');
  }
}

package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Query ('Q'): a simple-protocol query string, possibly several statements.
 *
 * @param sql the query string
 */
public record Query(String sql) {

  public static final byte TYPE = 'Q';

  /** Decodes the body (after the length word). */
  public static Query decode(ByteBuf body) {
    return new Query(Wire.readCString(body.duplicate()));
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf buf = Wire.begin(alloc, 'Q', sql.length() + 1);
    Wire.writeCString(buf, sql);
    return Wire.finish(buf);
  }
}

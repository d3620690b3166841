package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Query ('Q'): a simple-protocol query string, possibly several statements.
 *
 * @param sql the query string
 */
public record Query(String sql) {

  public static final byte TYPE = 'Q';

  /** Decodes the body (after the length word). */
  public static Query decode(ByteBuf body) {
    return decode(body, StandardCharsets.UTF_8);
  }

  /** Decodes the body in the session's client encoding. */
  public static Query decode(ByteBuf body, Charset clientEncoding) {
    ByteBuf in = body.duplicate();
    String sql = Wire.readCString(in, clientEncoding);
    if (in.isReadable()) {
      // bytes after the terminator: what the gate would judge is not what the server would run
      throw new ProtocolViolationException(SqlState.PROTOCOL_VIOLATION, "invalid Query message");
    }
    return new Query(sql);
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    return encode(alloc, StandardCharsets.UTF_8);
  }

  /** Encodes in the session's client encoding. */
  public ByteBuf encode(ByteBufAllocator alloc, Charset clientEncoding) {
    ByteBuf buf = Wire.begin(alloc, 'Q', sql.length() + 1);
    Wire.writeCString(buf, sql, clientEncoding);
    return Wire.finish(buf);
  }
}

package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Parse ('P'): prepare a statement in the extended protocol.
 *
 * @param statementName prepared statement name, "" for the unnamed statement
 * @param sql the query string
 * @param parameterTypes parameter type OIDs the client specified (0 = unspecified)
 */
public record Parse(String statementName, String sql, int[] parameterTypes) {

  public static final byte TYPE = 'P';

  public Parse {
    parameterTypes = parameterTypes.clone();
  }

  @Override
  public int[] parameterTypes() {
    return parameterTypes.clone();
  }

  /** Decodes the body (after the length word). */
  public static Parse decode(ByteBuf body) {
    return decode(body, StandardCharsets.UTF_8);
  }

  /** Decodes the body in the session's client encoding. */
  public static Parse decode(ByteBuf body, Charset clientEncoding) {
    ByteBuf in = body.duplicate();
    String name = Wire.readCString(in, clientEncoding);
    String sql = Wire.readCString(in, clientEncoding);
    if (in.readableBytes() < 2) {
      throw new ProtocolViolationException(SqlState.PROTOCOL_VIOLATION, "invalid Parse message");
    }
    int n = in.readUnsignedShort();
    if (in.readableBytes() != n * 4) {
      throw new ProtocolViolationException(SqlState.PROTOCOL_VIOLATION, "invalid Parse message");
    }
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      types[i] = in.readInt();
    }
    return new Parse(name, sql, types);
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    return encode(alloc, StandardCharsets.UTF_8);
  }

  /** Encodes in the session's client encoding. */
  public ByteBuf encode(ByteBufAllocator alloc, Charset clientEncoding) {
    ByteBuf buf = Wire.begin(alloc, 'P', statementName.length() + sql.length() + 4);
    Wire.writeCString(buf, statementName, clientEncoding);
    Wire.writeCString(buf, sql, clientEncoding);
    buf.writeShort(parameterTypes.length);
    for (int t : parameterTypes) {
      buf.writeInt(t);
    }
    return Wire.finish(buf);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parse p
        && p.statementName.equals(statementName)
        && p.sql.equals(sql)
        && java.util.Arrays.equals(p.parameterTypes, parameterTypes);
  }

  @Override
  public int hashCode() {
    return statementName.hashCode() * 31 + sql.hashCode();
  }

  @Override
  public String toString() {
    return "Parse["
        + statementName
        + ", "
        + sql
        + ", "
        + java.util.Arrays.toString(parameterTypes)
        + "]";
  }
}

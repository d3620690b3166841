package dev.drawbridge.proxy.protocol.backend;

import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * BackendKeyData ('K'): the key a client needs to cancel queries of this session.
 *
 * @param processId the backend's process id
 * @param secretKey the secret key (protocol 3.0: four bytes)
 */
public record BackendKeyData(int processId, int secretKey) {

  public static final byte TYPE = 'K';

  public static BackendKeyData decode(ByteBuf body) {
    if (body.readableBytes() != 8) {
      throw new ProtocolViolationException(SqlState.PROTOCOL_VIOLATION, "invalid BackendKeyData");
    }
    return new BackendKeyData(body.getInt(body.readerIndex()), body.getInt(body.readerIndex() + 4));
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    return Wire.finish(Wire.begin(alloc, 'K', 8).writeInt(processId).writeInt(secretKey));
  }
}

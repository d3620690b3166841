package dev.drawbridge.proxy.protocol.backend;

import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * ReadyForQuery ('Z'): the server is ready for a new query cycle.
 *
 * @param transactionStatus 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block
 */
public record ReadyForQuery(char transactionStatus) {

  public static final byte TYPE = 'Z';

  public static ReadyForQuery decode(ByteBuf body) {
    if (body.readableBytes() != 1) {
      throw new ProtocolViolationException(SqlState.PROTOCOL_VIOLATION, "invalid ReadyForQuery");
    }
    return new ReadyForQuery((char) body.getByte(body.readerIndex()));
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    return Wire.finish(Wire.begin(alloc, 'Z', 1).writeByte(transactionStatus));
  }
}

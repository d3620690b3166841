package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * CancelRequest: sent on a new connection to cancel the query running in another session.
 *
 * @param processId the target's process id as announced in BackendKeyData
 * @param secretKey the target's secret key (protocol 3.0: four bytes)
 */
public record CancelRequest(int processId, int secretKey) implements StartupPacket {

  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf buf = Wire.beginUntyped(alloc, 12);
    buf.writeInt(CANCEL_REQUEST_CODE).writeInt(processId).writeInt(secretKey);
    return Wire.finishUntyped(buf);
  }
}

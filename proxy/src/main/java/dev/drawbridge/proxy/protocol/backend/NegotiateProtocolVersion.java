package dev.drawbridge.proxy.protocol.backend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * NegotiateProtocolVersion ('v'): the newest minor version the server supports and the protocol
 * options ({@code _pq_.*}) it did not recognise.
 *
 * @param newestMinorVersion newest supported minor version of the requested major version
 * @param unrecognizedOptions option names that were not recognised
 */
public record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions) {

  public static final byte TYPE = 'v';

  public NegotiateProtocolVersion {
    unrecognizedOptions = List.copyOf(unrecognizedOptions);
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf buf = Wire.begin(alloc, 'v', 8 + unrecognizedOptions.size() * 16);
    buf.writeInt(newestMinorVersion).writeInt(unrecognizedOptions.size());
    for (String o : unrecognizedOptions) {
      Wire.writeCString(buf, o);
    }
    return Wire.finish(buf);
  }
}

package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * StartupMessage: protocol version and the session parameters, in the client's order.
 *
 * @param majorVersion protocol major version (3)
 * @param minorVersion protocol minor version (0 for 3.0, 2 for 3.2)
 * @param parameters name/value pairs such as user, database, options, application_name
 */
public record StartupMessage(int majorVersion, int minorVersion, Map<String, String> parameters)
    implements StartupPacket {

  public StartupMessage {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  public String user() {
    return parameters.getOrDefault("user", "");
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf buf = Wire.beginUntyped(alloc, 128);
    buf.writeShort(majorVersion).writeShort(minorVersion);
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      Wire.writeCString(buf, e.getKey());
      Wire.writeCString(buf, e.getValue());
    }
    buf.writeByte(0);
    return Wire.finishUntyped(buf);
  }
}

package dev.drawbridge.proxy.protocol.backend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * ParameterStatus ('S'): the current value of a reported run-time parameter.
 *
 * @param name parameter name, for example server_version
 * @param value its value
 */
public record ParameterStatus(String name, String value) {

  public static final byte TYPE = 'S';

  public static ParameterStatus decode(ByteBuf body) {
    ByteBuf in = body.duplicate();
    return new ParameterStatus(Wire.readCString(in), Wire.readCString(in));
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf buf = Wire.begin(alloc, 'S', name.length() + value.length() + 2);
    Wire.writeCString(buf, name);
    Wire.writeCString(buf, value);
    return Wire.finish(buf);
  }
}

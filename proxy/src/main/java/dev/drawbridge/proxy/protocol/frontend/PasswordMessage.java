package dev.drawbridge.proxy.protocol.frontend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * PasswordMessage ('p'): a cleartext or MD5-hashed password.
 *
 * @param password the password (or "md5" + hex hash)
 */
public record PasswordMessage(String password) {

  public static final byte TYPE = 'p';

  public static PasswordMessage decode(ByteBuf body) {
    return new PasswordMessage(Wire.readCString(body.duplicate()));
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf buf = Wire.begin(alloc, 'p', password.length() + 1);
    Wire.writeCString(buf, password);
    return Wire.finish(buf);
  }

  @Override
  public String toString() {
    return "PasswordMessage[****]";
  }
}

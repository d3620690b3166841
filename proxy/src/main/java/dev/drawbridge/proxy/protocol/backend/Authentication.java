package dev.drawbridge.proxy.protocol.backend;

import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/** The authentication requests ('R'), one record per request code as in the documentation. */
public sealed interface Authentication {

  byte TYPE = 'R';

  ByteBuf encode(ByteBufAllocator alloc);

  /** Decodes the body (after the length word) of an 'R' message. */
  static Authentication decode(ByteBuf body) {
    ByteBuf in = body.duplicate();
    if (in.readableBytes() < 4) {
      throw new ProtocolViolationException(
          SqlState.PROTOCOL_VIOLATION, "invalid authentication request");
    }
    int code = in.readInt();
    return switch (code) {
      case 0 -> new AuthenticationOk();
      case 3 -> new AuthenticationCleartextPassword();
      case 5 -> {
        if (in.readableBytes() != 4) {
          throw new ProtocolViolationException(
              SqlState.PROTOCOL_VIOLATION, "invalid AuthenticationMD5Password");
        }
        yield new AuthenticationMD5Password(ByteBufUtil.getBytes(in));
      }
      case 10 -> {
        List<String> mechanisms = new ArrayList<>();
        while (in.isReadable()) {
          String m = Wire.readCString(in);
          if (m.isEmpty()) {
            break;
          }
          mechanisms.add(m);
        }
        yield new AuthenticationSASL(mechanisms);
      }
      case 11 -> new AuthenticationSASLContinue(ByteBufUtil.getBytes(in));
      case 12 -> new AuthenticationSASLFinal(ByteBufUtil.getBytes(in));
      default -> new AuthenticationUnsupported(code);
    };
  }

  private static ByteBuf simple(ByteBufAllocator alloc, int code, byte[] extra) {
    ByteBuf buf = Wire.begin(alloc, 'R', 4 + extra.length);
    buf.writeInt(code).writeBytes(extra);
    return Wire.finish(buf);
  }

  /** AuthenticationOk (0). */
  record AuthenticationOk() implements Authentication {
    @Override
    public ByteBuf encode(ByteBufAllocator alloc) {
      return simple(alloc, 0, new byte[0]);
    }
  }

  /** AuthenticationCleartextPassword (3). */
  record AuthenticationCleartextPassword() implements Authentication {
    @Override
    public ByteBuf encode(ByteBufAllocator alloc) {
      return simple(alloc, 3, new byte[0]);
    }
  }

  /** AuthenticationMD5Password (5) with its four-byte salt. */
  record AuthenticationMD5Password(byte[] salt) implements Authentication {
    public AuthenticationMD5Password {
      salt = salt.clone();
    }

    @Override
    public byte[] salt() {
      return salt.clone();
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc) {
      return simple(alloc, 5, salt);
    }
  }

  /** AuthenticationSASL (10) with the mechanisms the server offers. */
  record AuthenticationSASL(List<String> mechanisms) implements Authentication {
    public AuthenticationSASL {
      mechanisms = List.copyOf(mechanisms);
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc) {
      ByteBuf buf = Wire.begin(alloc, 'R', 32);
      buf.writeInt(10);
      for (String m : mechanisms) {
        Wire.writeCString(buf, m);
      }
      buf.writeByte(0);
      return Wire.finish(buf);
    }
  }

  /** AuthenticationSASLContinue (11): for SCRAM the server-first-message. */
  record AuthenticationSASLContinue(byte[] data) implements Authentication {
    public AuthenticationSASLContinue {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc) {
      return simple(alloc, 11, data);
    }
  }

  /** AuthenticationSASLFinal (12): for SCRAM the server-final-message. */
  record AuthenticationSASLFinal(byte[] data) implements Authentication {
    public AuthenticationSASLFinal {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public ByteBuf encode(ByteBufAllocator alloc) {
      return simple(alloc, 12, data);
    }
  }

  /** A request the proxy does not implement (Kerberos, GSSAPI, SSPI). */
  record AuthenticationUnsupported(int code) implements Authentication {
    @Override
    public ByteBuf encode(ByteBufAllocator alloc) {
      return simple(alloc, code, new byte[0]);
    }
  }
}

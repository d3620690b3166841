package dev.drawbridge.proxy.protocol.backend;

import dev.drawbridge.proxy.codec.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ErrorResponse ('E'): the one place where the proxy builds the errors it sends to clients
 * (severity, SQLSTATE, message, detail, hint) and where upstream errors are read.
 *
 * @param fields every field by its one-letter code, in wire order ('S', 'V', 'C', 'M', 'D', 'H',
 *     ...)
 */
public record ErrorResponse(Map<Character, String> fields) {

  public static final byte TYPE = 'E';

  public ErrorResponse {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** An ERROR that ends the current statement (the session stays usable). */
  public static ErrorResponse error(String sqlState, String message, String detail, String hint) {
    return of("ERROR", sqlState, message, detail, hint);
  }

  /** A NOTICE (encode with {@link #encodeAs} and 'N'): information, not an error. */
  public static ErrorResponse notice(String message, String detail) {
    return of("NOTICE", "00000", message, detail, null);
  }

  /** A FATAL error: the connection is closed right after it. */
  public static ErrorResponse fatal(String sqlState, String message) {
    return of("FATAL", sqlState, message, null, null);
  }

  /** A FATAL error with detail. */
  public static ErrorResponse fatal(String sqlState, String message, String detail) {
    return of("FATAL", sqlState, message, detail, null);
  }

  /** A FATAL error with detail and hint. */
  public static ErrorResponse fatal(String sqlState, String message, String detail, String hint) {
    return of("FATAL", sqlState, message, detail, hint);
  }

  private static ErrorResponse of(
      String severity, String sqlState, String message, String detail, String hint) {
    Map<Character, String> f = new LinkedHashMap<>();
    f.put('S', severity);
    f.put('V', severity);
    f.put('C', sqlState);
    f.put('M', message);
    if (detail != null && !detail.isEmpty()) {
      f.put('D', detail);
    }
    if (hint != null && !hint.isEmpty()) {
      f.put('H', hint);
    }
    return new ErrorResponse(f);
  }

  /** Decodes the body (after the length word). */
  public static ErrorResponse decode(ByteBuf body) {
    ByteBuf in = body.duplicate();
    Map<Character, String> f = new LinkedHashMap<>();
    while (in.isReadable()) {
      byte code = in.readByte();
      if (code == 0) {
        break;
      }
      f.put((char) code, Wire.readCString(in));
    }
    return new ErrorResponse(f);
  }

  public String severity() {
    return fields.getOrDefault('V', fields.getOrDefault('S', ""));
  }

  public String sqlState() {
    return fields.getOrDefault('C', "");
  }

  public String message() {
    return fields.getOrDefault('M', "");
  }

  public boolean isFatal() {
    String s = severity();
    return s.equals("FATAL") || s.equals("PANIC");
  }

  public ByteBuf encode(ByteBufAllocator alloc) {
    return encodeAs(alloc, 'E');
  }

  /** Encodes with another type byte; 'N' gives a NoticeResponse with the same fields. */
  public ByteBuf encodeAs(ByteBufAllocator alloc, char type) {
    ByteBuf buf = Wire.begin(alloc, type, 64);
    for (Map.Entry<Character, String> e : fields.entrySet()) {
      buf.writeByte(e.getKey());
      Wire.writeCString(buf, e.getValue());
    }
    buf.writeByte(0);
    return Wire.finish(buf);
  }
}

package dev.drawbridge.policy.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decoding of identifier and string-constant tokens, shared by the lexer and the token stream. */
final class Literals {
  /** PostgreSQL's NAMEDATALEN - 1: identifiers are truncated to this many bytes. */
  static final int MAX_NAME_BYTES = 63;

  private Literals() {}

  /** A decoding problem and the offset of the escape that caused it. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    DecodeException(String message, int offset) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\u000b';
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
  }

  /**
   * After a closing quote at {@code p - 1}: if whitespace containing a newline (and possibly {@code
   * --} comments) and then another quote follow, the string continues (SQL standard). Returns the
   * offset of that continuation quote, or -1.
   */
  static int continuation(char[] s, int p) {
    int n = s.length;
    int i = p;
    boolean newline = false;
    while (i < n) {
      char c = s[i];
      if (c == '\n' || c == '\r') {
        newline = true;
        i++;
      } else if (isSpace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
        while (i < n && s[i] != '\n' && s[i] != '\r') {
          i++;
        }
        if (i == n) {
          return -1; // a comment must end in a newline to be part of the continuation
        }
      } else if (c == '\'' && newline) {
        return i;
      } else {
        return -1;
      }
    }
    return -1;
  }

  /** ASCII lower-casing of an unquoted identifier, as PostgreSQL's downcase_identifier. */
  static String fold(char[] s, int from, int to) {
    char[] out = null;
    for (int i = from; i < to; i++) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') {
        if (out == null) {
          out = new char[to - from];
          System.arraycopy(s, from, out, 0, to - from);
        }
        out[i - from] = (char) (c + ('a' - 'A'));
      }
    }
    return out == null ? new String(s, from, to - from) : new String(out);
  }

  /**
   * The body of a quoted token starting at {@code from} (just after the opening quote) with doubled
   * quotes undoubled; for strings, continuation segments are joined.
   */
  static String quoted(char[] s, int from, char quote) {
    StringBuilder sb = new StringBuilder();
    int i = from;
    while (true) {
      char c = s[i];
      if (c == quote) {
        if (i + 1 < s.length && s[i + 1] == quote) {
          sb.append(quote);
          i += 2;
          continue;
        }
        int next = quote == '\'' ? continuation(s, i + 1) : -1;
        if (next < 0) {
          return sb.toString();
        }
        i = next + 1;
        continue;
      }
      sb.append(c);
      i++;
    }
  }

  /** The value of an {@code E'...'} body starting at {@code from}; the lexer validated it. */
  static String escaped(char[] s, int from) {
    try {
      return decodeEscaped(s, from);
    } catch (DecodeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Decodes (and so validates) an {@code E'...'} body, returning its value. */
  static String decodeEscaped(char[] s, int from) throws DecodeException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder pending = new StringBuilder();
    int i = from;
    SurrogatePairs pairs = new SurrogatePairs();
    while (true) {
      char c = s[i];
      if (c == '\'') {
        if (i + 1 < s.length && s[i + 1] == '\'') {
          pending.append('\'');
          i += 2;
          continue;
        }
        int next = continuation(s, i + 1);
        if (next < 0) {
          break;
        }
        i = next + 1;
        continue;
      }
      if (c != '\\') {
        pairs.requireNoneOpen();
        pending.append(c);
        i++;
        continue;
      }
      int escapeAt = i;
      char e = s[i + 1];
      if (e == 'u' || e == 'U') {
        int digits = e == 'u' ? 4 : 8;
        int cp = hex(s, i + 2, digits);
        if (cp < 0) {
          throw new DecodeException(
              "invalid Unicode escape (Unicode escapes must be \\uXXXX or \\UXXXXXXXX)", escapeAt);
        }
        i += 2 + digits;
        pairs.append(pending, cp, escapeAt);
        continue;
      }
      pairs.requireNoneOpen();
      i += 2;
      int b;
      switch (e) {
        case 'b' -> b = '\b';
        case 'f' -> b = '\f';
        case 'n' -> b = '\n';
        case 'r' -> b = '\r';
        case 't' -> b = '\t';
        case 'x' -> {
          int v = 0;
          int k = 0;
          while (k < 2 && hexDigit(s[i]) >= 0) {
            v = v * 16 + hexDigit(s[i]);
            i++;
            k++;
          }
          b = k == 0 ? 'x' : v;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int k = 1;
            while (k < 3 && s[i] >= '0' && s[i] <= '7') {
              v = v * 8 + (s[i] - '0');
              i++;
              k++;
            }
            b = v & 0xFF;
          } else {
            pending.append(e);
            continue;
          }
        }
      }
      if (b < 0x80) {
        pending.append((char) b);
      } else {
        flush(pending, bytes);
        bytes.write(b);
      }
    }
    pairs.requireNoneOpen();
    if (bytes.size() == 0) {
      return pending.toString();
    }
    flush(pending, bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void flush(StringBuilder pending, ByteArrayOutputStream bytes) {
    if (!pending.isEmpty()) {
      bytes.writeBytes(pending.toString().getBytes(StandardCharsets.UTF_8));
      pending.setLength(0);
    }
  }

  /** The value of a {@code U&} token body starting at {@code from}; the lexer validated it. */
  static String unicode(char[] s, int from, char quote, char escape) {
    try {
      return decodeUnicode(s, from, quote, escape);
    } catch (DecodeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Decodes (and so validates) the body of a {@code U&'...'} or {@code U&"..."} token. */
  static String decodeUnicode(char[] s, int from, char quote, char escape) throws DecodeException {
    StringBuilder sb = new StringBuilder();
    int i = from;
    SurrogatePairs pairs = new SurrogatePairs();
    while (true) {
      char c = s[i];
      if (c == quote) {
        if (i + 1 < s.length && s[i + 1] == quote) {
          pairs.requireNoneOpen();
          sb.append(quote);
          i += 2;
          continue;
        }
        int next = quote == '\'' ? continuation(s, i + 1) : -1;
        if (next < 0) {
          break;
        }
        i = next + 1;
        continue;
      }
      if (c != escape) {
        pairs.requireNoneOpen();
        sb.append(c);
        i++;
        continue;
      }
      int escapeAt = i;
      int cp;
      if (s[i + 1] == escape) {
        pairs.requireNoneOpen();
        sb.append(escape);
        i += 2;
        continue;
      } else if (s[i + 1] == '+') {
        cp = hex(s, i + 2, 6);
        i += 8;
      } else {
        cp = hex(s, i + 1, 4);
        i += 5;
      }
      if (cp < 0) {
        throw new DecodeException("invalid Unicode escape", escapeAt);
      }
      pairs.append(sb, cp, escapeAt);
    }
    pairs.requireNoneOpen();
    return sb.toString();
  }

  /**
   * Joins escaped UTF-16 surrogate halves (a high half, then a low half) into one code point and
   * checks escaped code points, with PostgreSQL's error messages. Shared by E'' and U&'' decoding.
   */
  private static final class SurrogatePairs {
    private int high = -1;
    private int highAt = -1;

    /** Appends {@code cp}, or holds a high surrogate until its low half arrives. */
    void append(StringBuilder out, int cp, int at) throws DecodeException {
      if (high >= 0) {
        if (cp > 0xFFFF || !Character.isLowSurrogate((char) cp)) {
          throw new DecodeException("invalid Unicode surrogate pair", at);
        }
        out.append((char) high).append((char) cp);
        high = -1;
        return;
      }
      if (cp <= 0xFFFF && Character.isHighSurrogate((char) cp)) {
        high = cp;
        highAt = at;
        return;
      }
      if (cp <= 0xFFFF && Character.isLowSurrogate((char) cp)) {
        throw new DecodeException("invalid Unicode surrogate pair", at);
      }
      if (cp == 0 || cp > 0x10FFFF) {
        throw new DecodeException("invalid Unicode escape value", at);
      }
      out.appendCodePoint(cp);
    }

    /** Fails when a high surrogate is still waiting for its low half. */
    void requireNoneOpen() throws DecodeException {
      if (high >= 0) {
        throw new DecodeException("invalid Unicode surrogate pair", highAt);
      }
    }
  }

  /** {@code count} hex digits at {@code from} as a number, or -1 if they are not all there. */
  private static int hex(char[] s, int from, int count) {
    int v = 0;
    for (int k = 0; k < count; k++) {
      int at = from + k;
      int d = at < s.length ? hexDigit(s[at]) : -1;
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Truncates a name to 63 UTF-8 bytes on a character boundary, as PostgreSQL does. */
  static String truncateName(String name) {
    if (name.length() * 3 <= MAX_NAME_BYTES) {
      return name;
    }
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > MAX_NAME_BYTES) {
        return name.substring(0, i);
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return name;
  }
}

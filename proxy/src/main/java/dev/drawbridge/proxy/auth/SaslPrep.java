package dev.drawbridge.proxy.auth;

import java.text.Normalizer;

/**
 * A light SASLprep (RFC 4013) for passwords, close to PostgreSQL's {@code pg_saslprep}: ASCII is
 * left alone; otherwise non-ASCII spaces become U+0020, characters "mapped to nothing" are dropped
 * and the result is NFKC-normalised. When the result holds prohibited characters the original is
 * used unchanged, as PostgreSQL does.
 */
public final class SaslPrep {

  private SaslPrep() {}

  public static String normalize(String password) {
    boolean ascii = true;
    for (int i = 0; i < password.length(); i++) {
      if (password.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return password;
    }
    StringBuilder mapped = new StringBuilder(password.length());
    for (int i = 0; i < password.length(); ) {
      int cp = password.codePointAt(i);
      i += Character.charCount(cp);
      if (isNonAsciiSpace(cp)) {
        mapped.append(' ');
      } else if (!isMappedToNothing(cp)) {
        mapped.appendCodePoint(cp);
      }
    }
    String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (isProhibited(cp)) {
        return password;
      }
    }
    return normalized;
  }

  private static boolean isNonAsciiSpace(int cp) {
    return cp == 0x00A0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200B)
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  private static boolean isMappedToNothing(int cp) {
    return cp == 0x00AD
        || cp == 0x034F
        || cp == 0x1806
        || (cp >= 0x180B && cp <= 0x180D)
        || (cp >= 0x200B && cp <= 0x200D)
        || cp == 0x2060
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0xFEFF;
  }

  private static boolean isProhibited(int cp) {
    int type = Character.getType(cp);
    return cp < 0x20
        || cp == 0x7F
        || (cp >= 0x80 && cp <= 0x9F)
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE
        || type == Character.UNASSIGNED
        || (cp >= 0xFFFE && cp <= 0xFFFF)
        || (cp >= 0xFFF9 && cp <= 0xFFFD)
        || (cp >= 0x2FF0 && cp <= 0x2FFB)
        || (cp >= 0xE0001 && cp <= 0xE007F);
  }
}

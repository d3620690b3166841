package dev.drawbridge.policy.access;

/** Shell-style patterns: {@code *} any run of characters, {@code ?} one character. No regex. */
final class Glob {
  private Glob() {}

  /**
   * Whether {@code text} matches {@code pattern} entirely, in linear-ish time (no backtracking
   * blow-up).
   */
  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}

package dev.drawbridge.gateway.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte sizes: {@code 1048576}, {@code 512kB}, {@code 64MB}, {@code 1GB} (powers of 1024).
 */
public final class DataSizes {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

  private DataSizes() {}

  /**
   * Parses a size in bytes. Units are binary, as in PostgreSQL's own settings: 1kB = 1024 bytes.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static long parse(String text) {
    String s = text == null ? "" : text.trim();
    Matcher m = SIZE.matcher(s.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(s);
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw invalid(s);
    }
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor =
        switch (unit) {
          case "kb", "kib" -> 1024L;
          case "mb", "mib" -> 1024L * 1024;
          case "gb", "gib" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(n, factor);
    } catch (ArithmeticException e) {
      throw invalid(s);
    }
  }

  /** Formats a size the way {@link #parse} reads it. */
  public static String format(long bytes) {
    if (bytes > 0 && bytes % (1024L * 1024 * 1024) == 0) {
      return bytes / (1024L * 1024 * 1024) + "GB";
    }
    if (bytes > 0 && bytes % (1024L * 1024) == 0) {
      return bytes / (1024L * 1024) + "MB";
    }
    if (bytes > 0 && bytes % 1024 == 0) {
      return bytes / 1024 + "kB";
    }
    return Long.toString(bytes);
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException(
        "'" + s + "' is not a size; write bytes or a number with kB, MB or GB, for example 64MB");
  }
}

package dev.drawbridge.policy.facts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server version. Parsed from {@code server_version} ("15.4", "17devel", "16beta2",
 * "9.6.24", "15.4 (Debian 15.4-1)") or {@code server_version_num} ("150004", "90624").
 */
public record PgVersion(int major, int minor) implements Comparable<PgVersion> {

  private static final Pattern NUM = Pattern.compile("\\d{5,6}");
  private static final Pattern TEXT =
      Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(devel|alpha\\d*|beta\\d*|rc\\d*)?.*");

  public PgVersion {
    if (major < 7 || minor < 0) {
      throw new IllegalArgumentException("not a PostgreSQL version: " + major + "." + minor);
    }
  }

  public static PgVersion of(int major) {
    return new PgVersion(major, 0);
  }

  /** Parses a version string; empty when the text is not a PostgreSQL version. */
  public static Optional<PgVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    if (NUM.matcher(s).matches()) {
      int n = Integer.parseInt(s);
      if (n >= 100000) {
        return Optional.of(new PgVersion(n / 10000, n % 10000));
      }
      // before 10: 90624 = 9.6.24; keep 9.x as major 9 with the patch level as minor
      return Optional.of(new PgVersion(n / 10000, n % 100));
    }
    Matcher m = TEXT.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    int major = Integer.parseInt(m.group(1));
    if (major < 7) {
      return Optional.empty();
    }
    int minor;
    if (major >= 10) {
      minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    } else {
      minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    }
    return Optional.of(new PgVersion(major, minor));
  }

  public boolean atLeast(int wantedMajor) {
    return major >= wantedMajor;
  }

  @Override
  public int compareTo(PgVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}

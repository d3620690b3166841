package dev.drawbridge.policy.sql;

import java.util.List;

/**
 * A possibly qualified object name as PostgreSQL resolves it: each part folded or unquoted.
 *
 * @param parts the name's parts, e.g. {@code [public, users]}
 */
public record ObjectName(List<String> parts) {

  public ObjectName {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a name has at least one part");
    }
  }

  /** The unqualified name, e.g. {@code users} for {@code public.users}. */
  public String name() {
    return parts.get(parts.size() - 1);
  }

  /** The parts joined with dots, quoting any part that would not survive unquoted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      if (!sb.isEmpty()) {
        sb.append('.');
      }
      if (plain(part)) {
        sb.append(part);
      } else {
        sb.append('"').append(part.replace("\"", "\"\"")).append('"');
      }
    }
    return sb.toString();
  }

  private static boolean plain(String part) {
    if (part.isEmpty()
        || !(part.charAt(0) == '_' || (part.charAt(0) >= 'a' && part.charAt(0) <= 'z'))) {
      return false;
    }
    for (int i = 1; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!(c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}

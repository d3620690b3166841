package dev.drawbridge.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A local user as given on the command line ({@code NAME:PASSWORD:ROLE[,ROLE]}) or in the file. The
 * password is either a SCRAM-SHA-256 verifier (preferred) or plaintext that is converted to a
 * verifier at startup.
 */
public record UserSpec(String name, String password, Set<String> roles) {

  static final String FORM = "NAME:PASSWORD:ROLE[,ROLE]";
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@-]{0,62}");
  private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  public UserSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(password, "password");
    roles = Set.copyOf(roles);
  }

  /**
   * Checks the parts and builds a user, with messages that say which part is wrong.
   *
   * @throws IllegalArgumentException when the name, password or a role is not acceptable
   */
  public static UserSpec of(String name, String password, List<String> roles) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "user name '"
              + (name == null ? "" : name)
              + "' is not valid: use letters, digits, '_', '.', '@' or '-', starting with a"
              + " letter or '_'");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(
          "user " + name + " has no password; give a SCRAM-SHA-256 verifier or a password");
    }
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException(
          "user " + name + " has no role; give at least one, for example engineer");
    }
    Set<String> checked = new LinkedHashSet<>();
    for (String role : roles) {
      String r = role == null ? "" : role.trim();
      if (!ROLE.matcher(r).matches()) {
        throw new IllegalArgumentException(
            "user "
                + name
                + ": role '"
                + r
                + "' is not valid; roles are lower-case words such as engineer, approver or"
                + " auditor");
      }
      checked.add(r);
    }
    return new UserSpec(name, password, checked);
  }

  /**
   * Parses {@code NAME:PASSWORD:ROLE[,ROLE]}. The password may itself contain ':' (a SCRAM verifier
   * does): the name ends at the first ':', the roles start after the last one.
   */
  public static UserSpec parse(String text) {
    String s = text == null ? "" : text;
    int first = s.indexOf(':');
    int last = s.lastIndexOf(':');
    if (first < 0 || first == last) {
      throw new IllegalArgumentException(
          "'"
              + redact(s)
              + "' is not "
              + FORM
              + " (for example alice:s3cret:engineer or bob:pw:approver,auditor)");
    }
    List<String> roles = new ArrayList<>();
    for (String r : s.substring(last + 1).split(",", -1)) {
      roles.add(r.trim());
    }
    if (roles.size() == 1 && roles.get(0).isEmpty()) {
      roles.clear();
    }
    return of(s.substring(0, first), s.substring(first + 1, last), roles);
  }

  /** Whether the password is already a SCRAM-SHA-256 verifier. */
  public boolean hasVerifier() {
    return password.startsWith("SCRAM-SHA-256$");
  }

  private static String redact(String s) {
    int first = s.indexOf(':');
    return first < 0 ? s : s.substring(0, first) + ":***";
  }

  @Override
  public String toString() {
    return "UserSpec[name=" + name + ", password=***, roles=" + roles + "]";
  }
}

package dev.drawbridge.proxy.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run-time parameters a StartupMessage sets, each as the SET statement it is equivalent to, so
 * that the statement gate judges {@code options=-c role=admin} exactly as it judges {@code SET role
 * = admin}. PostgreSQL takes settings from two places: startup parameters other than the
 * connection's own (user, database, replication, options) and the {@code options} parameter, a
 * command line split at unescaped whitespace whose {@code -c name=value} and {@code --name=value}
 * switches set parameters. Other switches of that command line (the server's single-letter flags)
 * are refused: the gateway does not judge what it does not understand.
 */
final class StartupSettings {

  /** Startup parameters that are not run-time settings. */
  private static final Set<String> CONNECTION_PARAMETERS =
      Set.of("user", "database", "replication", "options");

  /**
   * One setting.
   *
   * @param name the parameter's name, lower case (PostgreSQL's names are case-insensitive)
   * @param value its value as sent
   */
  record Setting(String name, String value) {

    /** The SET statement with the same effect, for the gate. */
    String asSetStatement() {
      return "SET " + name + " TO '" + value.replace("'", "''") + "'";
    }
  }

  /** The startup packet's {@code options} could not be read. */
  static final class UnsupportedOptionException extends Exception {
    UnsupportedOptionException(String message) {
      super(message);
    }
  }

  private StartupSettings() {}

  /**
   * The settings of a startup packet, in the order PostgreSQL applies them (plain parameters, then
   * {@code options}).
   */
  static List<Setting> of(Map<String, String> parameters) throws UnsupportedOptionException {
    List<Setting> settings = new ArrayList<>();
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      if (!CONNECTION_PARAMETERS.contains(e.getKey())) {
        settings.add(setting(e.getKey(), e.getValue()));
      }
    }
    String options = parameters.get("options");
    if (options != null) {
      List<String> args = split(options);
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.startsWith("--")) {
          settings.add(assignment(arg.substring(2), arg));
        } else if (arg.equals("-c")) {
          if (i + 1 == args.size()) {
            throw new UnsupportedOptionException("-c in options needs name=value after it");
          }
          settings.add(assignment(args.get(++i), arg));
        } else if (arg.startsWith("-c")) {
          settings.add(assignment(arg.substring(2), arg));
        } else {
          throw new UnsupportedOptionException(
              "the gateway accepts only -c name=value and --name=value in options, not \""
                  + arg
                  + "\"");
        }
      }
    }
    return settings;
  }

  private static Setting assignment(String nameValue, String arg)
      throws UnsupportedOptionException {
    int eq = nameValue.indexOf('=');
    if (eq <= 0) {
      throw new UnsupportedOptionException("option \"" + arg + "\" needs the form name=value");
    }
    // PostgreSQL reads "--work-mem=…" as work_mem
    return setting(nameValue.substring(0, eq).replace('-', '_'), nameValue.substring(eq + 1));
  }

  private static Setting setting(String name, String value) throws UnsupportedOptionException {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!plainName(lower)) {
      throw new UnsupportedOptionException("invalid parameter name \"" + name + "\"");
    }
    return new Setting(lower, value);
  }

  /** Names the SET statement can carry unquoted: letters, digits, _ and $, dotted parts. */
  private static boolean plainName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    boolean partStart = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        if (partStart) {
          return false;
        }
        partStart = true;
      } else if ((c >= 'a' && c <= 'z') || c == '_' || (!partStart && (c == '$' || isDigit(c)))) {
        partStart = false;
      } else {
        return false;
      }
    }
    return !partStart;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Splits at whitespace; a backslash takes the next character literally (as PostgreSQL does). */
  static List<String> split(String options) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inArg = false;
    for (int i = 0; i < options.length(); i++) {
      char c = options.charAt(i);
      if (c == '\\' && i + 1 < options.length()) {
        current.append(options.charAt(++i));
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          args.add(current.toString());
          current.setLength(0);
          inArg = false;
        }
      } else {
        current.append(c);
        inArg = true;
      }
    }
    if (inArg) {
      args.add(current.toString());
    }
    return args;
  }
}

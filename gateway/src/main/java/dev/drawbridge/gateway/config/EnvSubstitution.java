package dev.drawbridge.gateway.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config values with environment
 * variables, so that secrets stay out of the file. {@code $${} is a literal {@code ${}.
 */
public final class EnvSubstitution {

  private final Function<String, String> environment;

  /**
   * @param environment looks a variable up, returning null when it is not set ({@code
   *     System::getenv} in production)
   */
  public EnvSubstitution(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Substitutes every reference in {@code value}.
   *
   * @throws IllegalArgumentException when a variable without a default is not set, or a reference
   *     is not closed
   */
  public String apply(String value) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '$' && value.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && value.startsWith("${", i)) {
        int end = value.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException(
              "'${' is not closed with '}' (write $${ for a literal ${)");
        }
        String ref = value.substring(i + 2, end);
        int dash = ref.indexOf(":-");
        String name = dash < 0 ? ref : ref.substring(0, dash);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new IllegalArgumentException(
              "'${" + ref + "}' does not name an environment variable");
        }
        String v = environment.apply(name);
        if (v == null || (v.isEmpty() && dash >= 0)) {
          if (dash < 0) {
            throw new IllegalArgumentException(
                "environment variable "
                    + name
                    + " is not set (the file refers to it as ${"
                    + name
                    + "}); export it or write ${"
                    + name
                    + ":-default}");
          }
          v = ref.substring(dash + 2);
        }
        out.append(v);
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}

package dev.drawbridge.gateway.config;

import java.util.List;

/**
 * The configuration is unusable. Each problem is a complete sentence for the person starting the
 * gateway: what is wrong, where, and what to do. The command line exits with status 2.
 */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a config exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** The problems found, in the order they were found. */
  public List<String> problems() {
    return problems;
  }
}

package dev.drawbridge.policy.facts;

import java.util.List;
import java.util.Objects;

/** An index: its key columns (empty for expression keys), uniqueness and {@code indisvalid}. */
public record IndexFacts(String name, List<String> columns, boolean unique, boolean valid) {
  public IndexFacts {
    Objects.requireNonNull(name);
    columns = List.copyOf(columns);
  }
}

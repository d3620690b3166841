package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Optional;

/** Table constraints of {@code ADD CONSTRAINT}. */
public sealed interface TableConstraint {
  Optional<String> name();

  /** {@code CHECK (expr)}. */
  record Check(Optional<String> name, Expr expression) implements TableConstraint {}

  /** {@code FOREIGN KEY (cols) REFERENCES t (cols) [ON DELETE action]}. */
  record ForeignKey(
      Optional<String> name,
      List<String> columns,
      QualifiedName refTable,
      List<String> refColumns,
      Optional<String> onDelete)
      implements TableConstraint {
    public ForeignKey {
      columns = List.copyOf(columns);
      refColumns = List.copyOf(refColumns);
    }
  }

  /** {@code UNIQUE (cols)} or {@code PRIMARY KEY (cols)}. */
  record Key(Optional<String> name, boolean primary, List<String> columns)
      implements TableConstraint {
    public Key {
      columns = List.copyOf(columns);
    }
  }

  /** {@code UNIQUE USING INDEX i} or {@code PRIMARY KEY USING INDEX i}. */
  record KeyUsingIndex(Optional<String> name, boolean primary, String index)
      implements TableConstraint {}

  /** {@code EXCLUDE [USING method] (expr WITH op, ...)}. */
  record Exclude(Optional<String> name, Optional<String> method, List<ExcludeElement> elements)
      implements TableConstraint {
    public Exclude {
      elements = List.copyOf(elements);
    }
  }

  /** One {@code expr WITH operator} element of an exclusion constraint. */
  record ExcludeElement(Expr expression, String operator) {}
}

package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Optional;

/** Table constraints of {@code ADD CONSTRAINT}. */
public sealed interface TableConstraint {
  Optional<String> name();

  /** {@code CHECK (expr)}. */
  record Check(Optional<String> name, Expr expression) implements TableConstraint {}

  /**
   * {@code FOREIGN KEY (cols) REFERENCES t (cols) [MATCH m] [ON DELETE a] [ON UPDATE a] [DEFERRABLE
   * …]}; {@code match} is {@code FULL}, {@code PARTIAL} or {@code SIMPLE} as written.
   */
  record ForeignKey(
      Optional<String> name,
      List<String> columns,
      QualifiedName refTable,
      List<String> refColumns,
      Optional<String> onDelete,
      Optional<String> onUpdate,
      Optional<String> match,
      Deferral deferral)
      implements TableConstraint {
    public ForeignKey {
      columns = List.copyOf(columns);
      refColumns = List.copyOf(refColumns);
    }

    public ForeignKey(
        Optional<String> name,
        List<String> columns,
        QualifiedName refTable,
        List<String> refColumns,
        Optional<String> onDelete) {
      this(
          name,
          columns,
          refTable,
          refColumns,
          onDelete,
          Optional.empty(),
          Optional.empty(),
          Deferral.NOT_DEFERRABLE);
    }

    /** The same key under another name. */
    public ForeignKey named(String n) {
      return new ForeignKey(
          Optional.of(n), columns, refTable, refColumns, onDelete, onUpdate, match, deferral);
    }
  }

  /**
   * {@code UNIQUE [NULLS [NOT] DISTINCT] (cols) [INCLUDE (cols)]} or {@code PRIMARY KEY (cols)
   * [INCLUDE (cols)]}, optionally deferrable. {@code nullsDistinct} is empty when not written.
   */
  record Key(
      Optional<String> name,
      boolean primary,
      List<String> columns,
      List<String> include,
      Optional<Boolean> nullsDistinct,
      Deferral deferral)
      implements TableConstraint {
    public Key {
      columns = List.copyOf(columns);
      include = List.copyOf(include);
    }

    public Key(Optional<String> name, boolean primary, List<String> columns) {
      this(name, primary, columns, List.of(), Optional.empty(), Deferral.NOT_DEFERRABLE);
    }
  }

  /** {@code UNIQUE USING INDEX i} or {@code PRIMARY KEY USING INDEX i}, optionally deferrable. */
  record KeyUsingIndex(Optional<String> name, boolean primary, String index, Deferral deferral)
      implements TableConstraint {
    public KeyUsingIndex(Optional<String> name, boolean primary, String index) {
      this(name, primary, index, Deferral.NOT_DEFERRABLE);
    }
  }

  /** {@code EXCLUDE [USING method] (expr WITH op, ...)}, optionally deferrable. */
  record Exclude(
      Optional<String> name,
      Optional<String> method,
      List<ExcludeElement> elements,
      Deferral deferral)
      implements TableConstraint {
    public Exclude {
      elements = List.copyOf(elements);
    }

    public Exclude(Optional<String> name, Optional<String> method, List<ExcludeElement> elements) {
      this(name, method, elements, Deferral.NOT_DEFERRABLE);
    }
  }

  /** One {@code expr WITH operator} element of an exclusion constraint. */
  record ExcludeElement(Expr expression, String operator) {}
}

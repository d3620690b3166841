package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A column definition as in {@code ADD COLUMN} or {@code CREATE TABLE}. */
public record ColumnDef(
    String name,
    TypeName type,
    Optional<Expr> defaultValue,
    boolean notNull,
    Optional<Generated> generated,
    List<InlineConstraint> constraints,
    Optional<QualifiedName> collation) {

  public ColumnDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    Objects.requireNonNull(defaultValue);
    Objects.requireNonNull(generated);
    constraints = List.copyOf(constraints);
    Objects.requireNonNull(collation);
  }

  /** A column without {@code COLLATE}. */
  public ColumnDef(
      String name,
      TypeName type,
      Optional<Expr> defaultValue,
      boolean notNull,
      Optional<Generated> generated,
      List<InlineConstraint> constraints) {
    this(name, type, defaultValue, notNull, generated, constraints, Optional.empty());
  }

  public static ColumnDef of(String name, TypeName type) {
    return new ColumnDef(name, type, Optional.empty(), false, Optional.empty(), List.of());
  }

  public ColumnDef withDefault(Optional<Expr> d) {
    return new ColumnDef(name, type, d, notNull, generated, constraints, collation);
  }

  public ColumnDef withNotNull(boolean nn) {
    return new ColumnDef(name, type, defaultValue, nn, generated, constraints, collation);
  }

  public ColumnDef withType(TypeName t) {
    return new ColumnDef(name, t, defaultValue, notNull, generated, constraints, collation);
  }

  public ColumnDef withGenerated(Optional<Generated> g) {
    return new ColumnDef(name, type, defaultValue, notNull, g, constraints, collation);
  }

  public ColumnDef withConstraints(List<InlineConstraint> c) {
    return new ColumnDef(name, type, defaultValue, notNull, generated, c, collation);
  }

  /** {@code GENERATED ...}: identity, or an expression column stored or virtual. */
  public sealed interface Generated {
    /** {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY}. */
    record Identity(boolean always) implements Generated {}

    /**
     * {@code GENERATED ALWAYS AS (expr) [STORED | VIRTUAL]}; {@code stored} is empty when neither
     * keyword was written (VIRTUAL on PG 18, an error before).
     */
    record Computed(Expr expression, Optional<Boolean> stored) implements Generated {}
  }

  /** Constraints written inline in a column definition. */
  public sealed interface InlineConstraint {
    Optional<String> name();

    /** Inline {@code CHECK (expr)}. */
    record Check(Optional<String> name, Expr expression) implements InlineConstraint {}

    /** Inline {@code UNIQUE [NULLS [NOT] DISTINCT]}, optionally deferrable. */
    record Unique(Optional<String> name, Optional<Boolean> nullsDistinct, Deferral deferral)
        implements InlineConstraint {
      public Unique(Optional<String> name) {
        this(name, Optional.empty(), Deferral.NOT_DEFERRABLE);
      }
    }

    /** Inline {@code PRIMARY KEY}, optionally deferrable. */
    record PrimaryKey(Optional<String> name, Deferral deferral) implements InlineConstraint {
      public PrimaryKey(Optional<String> name) {
        this(name, Deferral.NOT_DEFERRABLE);
      }
    }

    /**
     * Inline {@code REFERENCES t (cols) [MATCH m] [ON DELETE a] [ON UPDATE a]}, optionally
     * deferrable.
     */
    record References(
        Optional<String> name,
        QualifiedName table,
        List<String> columns,
        Optional<String> onDelete,
        Optional<String> onUpdate,
        Optional<String> match,
        Deferral deferral)
        implements InlineConstraint {
      public References {
        columns = List.copyOf(columns);
      }

      public References(
          Optional<String> name,
          QualifiedName table,
          List<String> columns,
          Optional<String> onDelete) {
        this(
            name,
            table,
            columns,
            onDelete,
            Optional.empty(),
            Optional.empty(),
            Deferral.NOT_DEFERRABLE);
      }
    }
  }
}

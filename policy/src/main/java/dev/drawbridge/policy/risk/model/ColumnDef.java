package dev.drawbridge.policy.risk.model;

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
    List<InlineConstraint> constraints) {

  public ColumnDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    Objects.requireNonNull(defaultValue);
    Objects.requireNonNull(generated);
    constraints = List.copyOf(constraints);
  }

  public static ColumnDef of(String name, TypeName type) {
    return new ColumnDef(name, type, Optional.empty(), false, Optional.empty(), List.of());
  }

  public ColumnDef withDefault(Optional<Expr> d) {
    return new ColumnDef(name, type, d, notNull, generated, constraints);
  }

  public ColumnDef withNotNull(boolean nn) {
    return new ColumnDef(name, type, defaultValue, nn, generated, constraints);
  }

  public ColumnDef withType(TypeName t) {
    return new ColumnDef(name, t, defaultValue, notNull, generated, constraints);
  }

  public ColumnDef withGenerated(Optional<Generated> g) {
    return new ColumnDef(name, type, defaultValue, notNull, g, constraints);
  }

  public ColumnDef withConstraints(List<InlineConstraint> c) {
    return new ColumnDef(name, type, defaultValue, notNull, generated, c);
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

    /** Inline {@code UNIQUE}. */
    record Unique(Optional<String> name) implements InlineConstraint {}

    /** Inline {@code PRIMARY KEY}. */
    record PrimaryKey(Optional<String> name) implements InlineConstraint {}

    /** Inline {@code REFERENCES t (cols)}. */
    record References(
        Optional<String> name,
        dev.drawbridge.policy.facts.QualifiedName table,
        List<String> columns,
        Optional<String> onDelete)
        implements InlineConstraint {
      public References {
        columns = List.copyOf(columns);
      }
    }
  }
}

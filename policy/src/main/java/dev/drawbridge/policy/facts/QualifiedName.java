package dev.drawbridge.policy.facts;

import java.util.Objects;
import java.util.Optional;

/**
 * A possibly schema-qualified object name, already case-folded the way PostgreSQL folds it
 * (unquoted names lower-cased, quoted names verbatim).
 */
public record QualifiedName(Optional<String> schema, String name)
    implements Comparable<QualifiedName> {

  public QualifiedName {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty name");
    }
  }

  public static QualifiedName of(String name) {
    return new QualifiedName(Optional.empty(), name);
  }

  public static QualifiedName of(String schema, String name) {
    return new QualifiedName(Optional.of(schema), name);
  }

  /** Parses "schema.name" or "name" (no quoting; for facts and tests). */
  public static QualifiedName parse(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0 ? of(dotted) : of(dotted.substring(0, dot), dotted.substring(dot + 1));
  }

  public QualifiedName withSchema(String s) {
    return of(s, name);
  }

  @Override
  public int compareTo(QualifiedName o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return schema.map(s -> s + "." + name).orElse(name);
  }
}

package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Optional;

/** The statements the risk rules understand. */
public sealed interface DdlStatement {

  /** {@code ALTER TABLE [IF EXISTS] [ONLY] t action, …}. */
  record AlterTable(QualifiedName table, boolean ifExists, boolean only, List<AlterAction> actions)
      implements DdlStatement {
    public AlterTable {
      actions = List.copyOf(actions);
    }

    public AlterTable with(List<AlterAction> newActions) {
      return new AlterTable(table, ifExists, only, newActions);
    }
  }

  /**
   * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t [USING m] (…)
   * [INCLUDE (…)] [NULLS [NOT] DISTINCT] [WITH (…)] [TABLESPACE ts] [WHERE …]}; storage parameters
   * are rendered {@code name} or {@code name = value}.
   */
  record CreateIndex(
      Optional<String> name,
      QualifiedName table,
      boolean unique,
      boolean concurrently,
      boolean ifNotExists,
      boolean only,
      Optional<String> method,
      List<IndexElement> elements,
      List<String> include,
      Optional<Expr> where,
      Optional<Boolean> nullsDistinct,
      List<String> storageParameters,
      Optional<String> tablespace)
      implements DdlStatement {
    public CreateIndex {
      elements = List.copyOf(elements);
      include = List.copyOf(include);
      storageParameters = List.copyOf(storageParameters);
    }

    /** Without NULLS [NOT] DISTINCT, WITH (...) and TABLESPACE. */
    public CreateIndex(
        Optional<String> name,
        QualifiedName table,
        boolean unique,
        boolean concurrently,
        boolean ifNotExists,
        boolean only,
        Optional<String> method,
        List<IndexElement> elements,
        List<String> include,
        Optional<Expr> where) {
      this(
          name,
          table,
          unique,
          concurrently,
          ifNotExists,
          only,
          method,
          elements,
          include,
          where,
          Optional.empty(),
          List.of(),
          Optional.empty());
    }
  }

  /** One index key: an expression or column, with optional opclass and ordering. */
  record IndexElement(Expr expression, Optional<String> opclass, boolean descending) {}

  /** {@code DROP INDEX [CONCURRENTLY] [IF EXISTS] names [CASCADE]}. */
  record DropIndex(
      List<QualifiedName> names, boolean concurrently, boolean ifExists, boolean cascade)
      implements DdlStatement {
    public DropIndex {
      names = List.copyOf(names);
    }
  }

  /**
   * {@code REINDEX {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] [name]}; the name is empty
   * only for DATABASE and SYSTEM (the current database, PostgreSQL 15+).
   */
  record Reindex(Target target, Optional<QualifiedName> name, boolean concurrently)
      implements DdlStatement {
    /** What REINDEX rebuilds. */
    public enum Target {
      INDEX,
      TABLE,
      SCHEMA,
      DATABASE,
      SYSTEM
    }

    public Reindex(boolean table, QualifiedName name, boolean concurrently) {
      this(table ? Target.TABLE : Target.INDEX, Optional.of(name), concurrently);
    }

    /** True for REINDEX TABLE. */
    public boolean table() {
      return target == Target.TABLE;
    }
  }

  /** {@code ALTER INDEX [IF EXISTS] a RENAME TO b}. */
  record RenameIndex(QualifiedName index, String to) implements DdlStatement {}

  /** {@code ALTER INDEX parent ATTACH PARTITION child}. */
  record AttachIndex(QualifiedName parentIndex, QualifiedName childIndex) implements DdlStatement {}

  /** {@code DROP TABLE [IF EXISTS] names [CASCADE]}. */
  record DropTable(List<QualifiedName> names, boolean ifExists, boolean cascade)
      implements DdlStatement {
    public DropTable {
      names = List.copyOf(names);
    }
  }

  /** {@code TRUNCATE [TABLE] [ONLY] names [CASCADE]}. */
  record Truncate(List<QualifiedName> names, boolean cascade) implements DdlStatement {
    public Truncate {
      names = List.copyOf(names);
    }
  }

  /** {@code VACUUM FULL [t]}. */
  record VacuumFull(Optional<QualifiedName> table) implements DdlStatement {}

  /**
   * Plain {@code VACUUM [(options)] [t]} (no FULL); options are lower case, rendered {@code name}
   * or {@code name value}.
   */
  record Vacuum(Optional<QualifiedName> table, List<String> options) implements DdlStatement {
    public Vacuum {
      options = List.copyOf(options);
    }
  }

  /** {@code CLUSTER [t [USING i]]}. */
  record Cluster(Optional<QualifiedName> table, Optional<String> index) implements DdlStatement {}

  /** {@code ALTER TYPE t ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']}. */
  record AddEnumValue(
      QualifiedName type,
      String value,
      boolean ifNotExists,
      Optional<String> neighbour,
      boolean before)
      implements DdlStatement {}

  /** {@code ALTER TYPE t RENAME VALUE 'a' TO 'b'}. */
  record RenameEnumValue(QualifiedName type, String from, String to) implements DdlStatement {}

  /** {@code ALTER SCHEMA a RENAME TO b}. */
  record RenameSchema(String from, String to) implements DdlStatement {}

  /**
   * {@code CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] t (columns, constraints) [INHERITS
   * (parents)] [PARTITION BY …] [WITH (…)] [TABLESPACE ts]}, or {@code CREATE TABLE t PARTITION OF
   * parent [(constraints)] bound [PARTITION BY …]} (then {@code partitionOf} is present and there
   * are no columns).
   */
  record CreateTable(
      QualifiedName table,
      boolean ifNotExists,
      List<ColumnDef> columns,
      List<TableConstraint> constraints,
      Persistence persistence,
      Optional<PartitionOf> partitionOf,
      List<QualifiedName> inherits,
      Optional<PartitionBy> partitionBy,
      List<String> storageParameters,
      Optional<String> tablespace)
      implements DdlStatement {
    public CreateTable {
      columns = List.copyOf(columns);
      constraints = List.copyOf(constraints);
      inherits = List.copyOf(inherits);
      storageParameters = List.copyOf(storageParameters);
    }

    /** A plain permanent table. */
    public CreateTable(
        QualifiedName table,
        boolean ifNotExists,
        List<ColumnDef> columns,
        List<TableConstraint> constraints) {
      this(
          table,
          ifNotExists,
          columns,
          constraints,
          Persistence.PERMANENT,
          Optional.empty(),
          List.of(),
          Optional.empty(),
          List.of(),
          Optional.empty());
    }

    /** Table persistence. */
    public enum Persistence {
      PERMANENT,
      TEMPORARY,
      UNLOGGED
    }

    /** {@code PARTITION OF parent bound}. */
    public record PartitionOf(QualifiedName parent, AlterAction.PartitionBound bound) {}

    /** {@code PARTITION BY {RANGE | LIST | HASH} (keys)}; strategy lower case. */
    public record PartitionBy(String strategy, List<IndexElement> keys) {
      public PartitionBy {
        keys = List.copyOf(keys);
      }
    }
  }

  /** {@code CREATE SEQUENCE [IF NOT EXISTS] s} (plan steps only). */
  record CreateSequence(QualifiedName name, boolean ifNotExists) implements DdlStatement {}

  /** {@code DROP SEQUENCE [IF EXISTS] s} (plan steps only). */
  record DropSequence(QualifiedName name, boolean ifExists) implements DdlStatement {}

  /** {@code ALTER SEQUENCE s OWNED BY t.c} (plan steps only). */
  record AlterSequenceOwnedBy(QualifiedName sequence, QualifiedName table, String column)
      implements DdlStatement {}

  /**
   * {@code SELECT setval(pg_get_serial_sequence('t', 'c'), max(c)) FROM t}: the column's own
   * sequence continues after the existing values (plan steps only).
   */
  record SetSequenceToMax(QualifiedName table, String column) implements DdlStatement {}

  /** {@code CREATE VIEW v AS SELECT * FROM t} (rename shims in plan steps only). */
  record CreateViewSelectAll(QualifiedName view, QualifiedName table) implements DdlStatement {}

  /** {@code DROP VIEW [IF EXISTS] v} (plan steps only). */
  record DropView(QualifiedName view, boolean ifExists) implements DdlStatement {}

  /**
   * {@code COMMENT ON kind object IS {'text' | NULL}}: {@code kind} is TABLE, COLUMN, INDEX, VIEW,
   * SEQUENCE, SCHEMA or CONSTRAINT; {@code object} is the relation (the table of a COLUMN or
   * CONSTRAINT, the schema name for SCHEMA) and {@code member} the column or constraint name.
   */
  record Comment(String kind, QualifiedName object, Optional<String> member, Optional<String> text)
      implements DdlStatement {}

  /**
   * {@code CREATE [OR REPLACE] TRIGGER name timing events ON table FOR EACH {ROW | STATEMENT} [WHEN
   * (condition)] EXECUTE {FUNCTION | PROCEDURE} fn(args)}; {@code timing} is BEFORE, AFTER or
   * INSTEAD OF, events upper case ({@code updateColumns} belong to UPDATE).
   */
  record CreateTrigger(
      boolean orReplace,
      boolean constraint,
      String name,
      String timing,
      List<String> events,
      List<String> updateColumns,
      QualifiedName table,
      Optional<QualifiedName> from,
      String deferral,
      List<String> referencing,
      boolean forEachRow,
      Optional<Expr> when,
      boolean procedure,
      QualifiedName function,
      List<Expr> arguments)
      implements DdlStatement {
    public CreateTrigger {
      events = List.copyOf(events);
      referencing = List.copyOf(referencing);
      updateColumns = List.copyOf(updateColumns);
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * A statement whose effect cannot be known before it runs: {@code DO} blocks, {@code CREATE
   * FUNCTION/PROCEDURE} bodies (ddl-safety.md F2). {@code keyword} is what it starts with.
   */
  record Opaque(String keyword) implements DdlStatement {}
}

package dev.drawbridge.policy.risk.model;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import java.util.Optional;

/** One subcommand of {@code ALTER TABLE}. */
public sealed interface AlterAction {

  /** {@code ADD [COLUMN] [IF NOT EXISTS] def}. */
  record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction {}

  /** {@code DROP [COLUMN] [IF EXISTS] c [CASCADE]}. */
  record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterAction {}

  /** {@code ALTER [COLUMN] c [SET DATA] TYPE t [USING expr]}. */
  record AlterColumnType(String column, TypeName type, Optional<Expr> using)
      implements AlterAction {}

  /** {@code ALTER [COLUMN] c SET NOT NULL}. */
  record SetNotNull(String column) implements AlterAction {}

  /** {@code ALTER [COLUMN] c DROP NOT NULL}. */
  record DropNotNull(String column) implements AlterAction {}

  /** {@code ALTER [COLUMN] c SET DEFAULT expr}. */
  record SetDefault(String column, Expr value) implements AlterAction {}

  /** {@code ALTER [COLUMN] c DROP DEFAULT}. */
  record DropDefault(String column) implements AlterAction {}

  /** {@code ALTER [COLUMN] c SET STATISTICS n}. */
  record SetStatistics(String column, int target) implements AlterAction {}

  /** {@code ALTER [COLUMN] c SET STORAGE kind}. */
  record SetStorage(String column, String storage) implements AlterAction {}

  /** {@code ALTER [COLUMN] c ADD GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY}. */
  record AddIdentity(String column, boolean always) implements AlterAction {}

  /** {@code ALTER [COLUMN] c DROP IDENTITY} (plan steps only). */
  record DropIdentity(String column) implements AlterAction {}

  /** {@code ALTER [COLUMN] c DROP EXPRESSION [IF EXISTS]} (PostgreSQL 13+). */
  record DropExpression(String column, boolean ifExists) implements AlterAction {}

  /** {@code SET SCHEMA s}. */
  record SetSchema(String schema) implements AlterAction {}

  /**
   * {@code ENABLE [REPLICA | ALWAYS] TRIGGER {name | ALL | USER}} or {@code DISABLE TRIGGER {name |
   * ALL | USER}}: {@code trigger} is the trigger's name, or empty with {@code scope} {@code ALL} or
   * {@code USER}; {@code mode} is {@code REPLICA} or {@code ALWAYS} when written.
   */
  record TriggerState(
      boolean enable, Optional<String> mode, Optional<String> trigger, Optional<String> scope)
      implements AlterAction {}

  /** {@code ADD table_constraint [NOT VALID]}. */
  record AddConstraint(TableConstraint constraint, boolean notValid) implements AlterAction {}

  /** {@code VALIDATE CONSTRAINT name}. */
  record ValidateConstraint(String name) implements AlterAction {}

  /** {@code DROP CONSTRAINT [IF EXISTS] name [CASCADE]}. */
  record DropConstraint(String name, boolean ifExists, boolean cascade) implements AlterAction {}

  /** {@code RENAME [COLUMN] a TO b}. */
  record RenameColumn(String from, String to) implements AlterAction {}

  /** {@code RENAME CONSTRAINT a TO b}. */
  record RenameConstraint(String from, String to) implements AlterAction {}

  /** {@code RENAME TO b}. */
  record RenameTable(String to) implements AlterAction {}

  /** {@code SET LOGGED} / {@code SET UNLOGGED}. */
  record SetLogged(boolean logged) implements AlterAction {}

  /** {@code SET TABLESPACE ts}. */
  record SetTablespace(String tablespace) implements AlterAction {}

  /** {@code SET (option = value, ...)} / {@code RESET (option, ...)}. */
  record SetOptions(List<String> options, boolean reset) implements AlterAction {
    public SetOptions {
      options = List.copyOf(options);
    }
  }

  /** {@code ATTACH PARTITION p bound}. */
  record AttachPartition(QualifiedName partition, PartitionBound bound) implements AlterAction {}

  /** {@code DETACH PARTITION p [CONCURRENTLY | FINALIZE]}. */
  record DetachPartition(QualifiedName partition, boolean concurrently, boolean finalizeDetach)
      implements AlterAction {}

  /** A partition bound: {@code DEFAULT}, {@code FOR VALUES IN}, {@code FROM … TO}, {@code WITH}. */
  sealed interface PartitionBound {
    /** {@code DEFAULT}. */
    record Default() implements PartitionBound {}

    /** {@code FOR VALUES IN (…)}. */
    record In(List<Expr> values) implements PartitionBound {
      public In {
        values = List.copyOf(values);
      }
    }

    /** {@code FOR VALUES FROM (…) TO (…)}; MINVALUE/MAXVALUE are {@link Expr.ColumnRef}s. */
    record Range(List<Expr> from, List<Expr> to) implements PartitionBound {
      public Range {
        from = List.copyOf(from);
        to = List.copyOf(to);
      }
    }

    /** {@code FOR VALUES WITH (MODULUS m, REMAINDER r)}. */
    record Hash(int modulus, int remainder) implements PartitionBound {}
  }
}

package dev.drawbridge.policy.risk;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule Drawbridge applies, with its stable id (documented in {@code docs/rules.md}), how
 * facts about the table can waive it, and what to do instead.
 */
public enum RuleId {
  ADD_COLUMN_VOLATILE_DEFAULT(
      "add-column-volatile-default",
      Waiver.EMPTY_TABLE,
      "add the column without a default, SET DEFAULT for new rows, backfill in batches"),
  ADD_COLUMN_DEFAULT_BEFORE_PG11(
      "add-column-default-before-pg11",
      Waiver.EMPTY_TABLE,
      "on PostgreSQL 10 add the column without a default, SET DEFAULT, backfill in batches"),
  ADD_COLUMN_NOT_NULL_NO_DEFAULT(
      "add-column-not-null-no-default",
      Waiver.EMPTY_TABLE,
      "give it a constant DEFAULT (catalog-only from PostgreSQL 11) or add it nullable, backfill,"
          + " then enforce NOT NULL through a validated CHECK"),
  ADD_COLUMN_SERIAL(
      "add-column-serial",
      Waiver.EMPTY_TABLE,
      "add a plain integer column, a sequence and SET DEFAULT nextval(...), then backfill"),
  ADD_COLUMN_IDENTITY(
      "add-column-identity",
      Waiver.EMPTY_TABLE,
      "add a plain bigint column fed by a sequence default, backfill, then enforce NOT NULL"),
  ADD_COLUMN_STORED_GENERATED(
      "add-column-stored-generated",
      Waiver.EMPTY_TABLE,
      "add a nullable column kept up to date by a trigger and backfill it; on PostgreSQL 18 a"
          + " VIRTUAL generated column is catalog-only"),
  ADD_COLUMN_CONSTRAINED_DOMAIN(
      "add-column-constrained-domain",
      Waiver.EMPTY_TABLE,
      "add the column with the domain's base type and enforce the rule with a CHECK added NOT"
          + " VALID, then VALIDATE"),
  ADD_COLUMN_INLINE_CHECK(
      "add-column-inline-check",
      Waiver.EMPTY_TABLE,
      "add the column without the CHECK, then ADD CONSTRAINT ... CHECK ... NOT VALID and VALIDATE"),
  ADD_COLUMN_INLINE_UNIQUE(
      "add-column-inline-unique",
      Waiver.EMPTY_TABLE,
      "add the column, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING"
          + " INDEX"),
  ADD_COLUMN_INLINE_PRIMARY_KEY(
      "add-column-inline-primary-key",
      Waiver.EMPTY_TABLE,
      "add the column, fill it, enforce NOT NULL via a validated CHECK, CREATE UNIQUE INDEX"
          + " CONCURRENTLY, then ADD PRIMARY KEY USING INDEX"),
  ADD_COLUMN_INLINE_FOREIGN_KEY_WITH_DEFAULT(
      "add-column-inline-foreign-key-with-default",
      Waiver.EMPTY_TABLE,
      "add the column without default and FK, SET DEFAULT, backfill, then add the FOREIGN KEY NOT"
          + " VALID and VALIDATE"),
  SET_NOT_NULL_WITHOUT_CHECK(
      "set-not-null-without-check",
      Waiver.EMPTY_TABLE,
      "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL"
          + " (no scan on PostgreSQL 12+) and drop the helper CHECK"),
  ALTER_COLUMN_TYPE_REWRITE(
      "alter-column-type-rewrite",
      Waiver.EMPTY_TABLE,
      "expand/contract: add a new column, keep it in sync, backfill, swap names; or approve the"
          + " rewrite for a maintenance window"),
  ALTER_COLUMN_TYPE_CHECK_RESCAN(
      "alter-column-type-check-rescan",
      Waiver.EMPTY_TABLE,
      "drop the CHECK constraints on the column, change the type, re-add them NOT VALID and"
          + " VALIDATE"),
  SET_LOGGED(
      "set-logged",
      Waiver.EMPTY_TABLE,
      "no online path in PostgreSQL: copy into a new table (pg_repack-style) or approve it for a"
          + " maintenance window"),
  SET_TABLESPACE(
      "set-tablespace",
      Waiver.EMPTY_TABLE,
      "no online path in PostgreSQL: use pg_repack --tablespace or approve it for a maintenance"
          + " window"),
  ATTACH_PARTITION_WITHOUT_VALIDATED_CHECK(
      "attach-partition-without-validated-check",
      Waiver.EMPTY_TABLE,
      "on the standalone table add a CHECK matching the bound NOT VALID, VALIDATE it, ATTACH, then"
          + " drop the CHECK"),
  DETACH_PARTITION(
      "detach-partition",
      Waiver.EMPTY_TABLE,
      "use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) outside a transaction block"),
  CREATE_INDEX_NON_CONCURRENTLY(
      "create-index-non-concurrently",
      Waiver.EMPTY_TABLE,
      "CREATE INDEX CONCURRENTLY, alone, outside any transaction block"),
  CONCURRENTLY_IN_TRANSACTION(
      "concurrently-in-transaction",
      Waiver.NEVER,
      "run the statement alone, in autocommit, as its own simple Query message"),
  CONCURRENT_INDEX_PG14_CORRUPTION(
      "concurrent-index-pg14-corruption",
      Waiver.NEVER,
      "upgrade to PostgreSQL 14.4 or later before building indexes concurrently"),
  CONCURRENT_INDEX_INVALID_LEFTOVER(
      "concurrent-index-invalid-leftover",
      Waiver.NEVER,
      "DROP INDEX CONCURRENTLY IF EXISTS the invalid index, then build it again"),
  DROP_INDEX_NON_CONCURRENTLY(
      "drop-index-non-concurrently",
      Waiver.EMPTY_TABLE,
      "DROP INDEX CONCURRENTLY, one index per statement, outside a transaction block"),
  REINDEX_NON_CONCURRENTLY(
      "reindex-non-concurrently",
      Waiver.EMPTY_TABLE,
      "REINDEX ... CONCURRENTLY (PostgreSQL 12+) outside a transaction block; before 12 build a"
          + " replacement index concurrently"),
  ADD_CHECK_VALIDATING(
      "add-check-validating",
      Waiver.EMPTY_TABLE,
      "ADD CONSTRAINT ... CHECK ... NOT VALID, commit, then VALIDATE CONSTRAINT"),
  ADD_FOREIGN_KEY_VALIDATING(
      "add-foreign-key-validating",
      Waiver.EMPTY_TABLE,
      "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, commit, then VALIDATE CONSTRAINT"),
  ADD_UNIQUE_CONSTRAINT(
      "add-unique-constraint",
      Waiver.EMPTY_TABLE,
      "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX"),
  ADD_PRIMARY_KEY(
      "add-primary-key",
      Waiver.EMPTY_TABLE,
      "enforce NOT NULL through validated CHECKs, CREATE UNIQUE INDEX CONCURRENTLY, then ADD"
          + " CONSTRAINT ... PRIMARY KEY USING INDEX"),
  PRIMARY_KEY_USING_INDEX_NULLABLE(
      "primary-key-using-index-nullable",
      Waiver.EMPTY_TABLE,
      "make every key column NOT NULL first (validated CHECK, then SET NOT NULL)"),
  EXCLUSION_CONSTRAINT(
      "exclusion-constraint",
      Waiver.EMPTY_TABLE,
      "no online path (no NOT VALID, no USING INDEX): build a new table and migrate, or approve it"
          + " for a maintenance window"),
  VALIDATE_IN_SAME_TRANSACTION(
      "validate-in-same-transaction",
      Waiver.NEVER,
      "commit after ADD CONSTRAINT ... NOT VALID, then VALIDATE in its own transaction"),
  WORK_AFTER_EXCLUSIVE_LOCK_IN_TRANSACTION(
      "work-after-exclusive-lock-in-transaction",
      Waiver.NEVER,
      "commit right after DDL that takes ACCESS EXCLUSIVE; run scans and backfills in their own"
          + " transactions"),
  RENAME_COLUMN(
      "rename-column",
      Waiver.NEW_TABLE,
      "expand/contract: add the new column, keep both in sync, switch readers, drop the old one"),
  RENAME_TABLE(
      "rename-table",
      Waiver.NEW_TABLE,
      "rename and leave a view under the old name until every client has moved"),
  SET_SCHEMA(
      "set-schema",
      Waiver.NEW_TABLE,
      "leave a view under the old schema-qualified name until every client has moved, or approve"
          + " it"),
  RENAME_SCHEMA(
      "rename-schema",
      Waiver.NEVER,
      "create the new schema and move objects with compatibility views, or approve it"),
  DROP_COLUMN(
      "drop-column",
      Waiver.NEW_TABLE,
      "stop using the column in every application and deploy first; then drop it without"
          + " CASCADE"),
  DROP_TABLE(
      "drop-table",
      Waiver.NEW_TABLE,
      "rename the table to *_deprecated (reversible) and drop it after a grace period"),
  TRUNCATE(
      "truncate",
      Waiver.EMPTY_TABLE,
      "delete in batches, or rename-and-replace the table; approve TRUNCATE only knowingly"),
  VACUUM_FULL(
      "vacuum-full",
      Waiver.EMPTY_TABLE,
      "use pg_repack (or REPACK CONCURRENTLY where available), or approve it for a maintenance"
          + " window"),
  CLUSTER(
      "cluster",
      Waiver.EMPTY_TABLE,
      "use pg_repack --order-by, or approve it for a maintenance window"),
  ADD_ENUM_VALUE_IN_TRANSACTION(
      "add-enum-value-in-transaction",
      Waiver.NEVER,
      "run ALTER TYPE ... ADD VALUE outside a transaction block (PostgreSQL before 12)"),
  RENAME_ENUM_VALUE(
      "rename-enum-value",
      Waiver.NEVER,
      "add the new label, migrate the rows, stop writing the old label"),
  OPAQUE_DDL(
      "opaque-ddl",
      Waiver.NEVER,
      "write the DDL as plain statements so each can be judged, or get the block approved"),
  LOCK_TIMEOUT_MISSING(
      "lock-timeout-missing",
      Waiver.ADVISORY,
      "SET lock_timeout (1s-3s) and retry on SQLSTATE 55P03; Drawbridge's plan does this"),
  COMBINED_SUBCOMMANDS(
      "combined-subcommands",
      Waiver.ADVISORY,
      "split the ALTER TABLE: run catalog-only subcommands together and stage the hazardous ones"),
  PARTITIONED_TABLE_FAN_OUT(
      "partitioned-table-fan-out",
      Waiver.ADVISORY,
      "stage per partition (CREATE INDEX ON ONLY the parent, build per partition, ATTACH)");

  /** When facts about the table make the rule not apply. */
  public enum Waiver {
    /** Empty (row estimate 0, small) or created in this transaction: no rewrite/scan cost. */
    EMPTY_TABLE,
    /** Only a table created in this transaction (nobody else depends on it yet). */
    NEW_TABLE,
    /** Never waived: the statement fails or misbehaves regardless of table size. */
    NEVER,
    /** A note; never makes a statement unsafe. */
    ADVISORY
  }

  private final String id;
  private final Waiver waiver;
  private final String instead;

  RuleId(String id, Waiver waiver, String instead) {
    this.id = id;
    this.waiver = waiver;
    this.instead = instead;
  }

  /** The stable id, e.g. {@code add-column-volatile-default}. */
  public String id() {
    return id;
  }

  public Waiver waiver() {
    return waiver;
  }

  /** One line: what to do instead. */
  public String instead() {
    return instead;
  }

  public boolean advisory() {
    return waiver == Waiver.ADVISORY;
  }

  public static Optional<RuleId> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}

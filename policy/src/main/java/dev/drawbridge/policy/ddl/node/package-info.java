/**
 * Calcite {@code SqlNode} classes for PostgreSQL DDL: statements ({@code SqlPgAlterTable}, {@code
 * SqlPgCreateIndex}, {@code SqlPgCreateTable}, {@code SqlPgDrop}, {@code SqlPgTruncate}, {@code
 * SqlPgAlterType}, {@code SqlPgMaintenance}), ALTER TABLE actions, column and table constraints,
 * and {@code PgTypeNameSpec} for structured types. Child nodes are operands, so {@code
 * SqlBasicVisitor} reaches every name and expression; {@code unparse} writes PostgreSQL. Also the
 * helpers the generated grammar calls to refuse what PostgreSQL would reject.
 */
package dev.drawbridge.policy.ddl.node;

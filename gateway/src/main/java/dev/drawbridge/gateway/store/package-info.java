/**
 * The gateway's own state in PostgreSQL: change requests, approvals, grants and live sessions in
 * the {@code drawbridge} schema, migrated by Flyway and reached through a HikariCP pool. Several
 * gateways may share one store; constraints, row locks and conditional updates keep their views
 * consistent. The rules of the approval workflow live in {@code gateway.workflow}; this package
 * only stores and locks.
 */
package dev.drawbridge.gateway.store;

/**
 * Catalog facts from a live PostgreSQL over JDBC: the {@link
 * dev.drawbridge.gateway.catalog.CatalogInspector} reads, in a bounded READ ONLY transaction, what
 * the policy needs to know about the tables, functions and types a statement references (size,
 * columns, CHECKs, indexes, volatility, constrained domains, server version and settings),
 * resolving unqualified names through {@code search_path} as the server would; {@link
 * dev.drawbridge.gateway.catalog.CatalogCache} keeps the answers for a while, keyed by database and
 * object, and forgets them when the gateway has run DDL.
 */
package dev.drawbridge.gateway.catalog;

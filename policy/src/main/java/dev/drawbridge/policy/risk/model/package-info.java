/**
 * The typed statement tree the risk rules and the plan builder work on: the small internal
 * interface between Drawbridge's analysis and whichever DDL parser produced the statement. {@link
 * dev.drawbridge.policy.risk.model.SqlRenderer} turns any tree back into PostgreSQL text (plan
 * steps and fingerprints are rendered from trees, never spliced from user text). The trees come
 * from the Calcite-generated parser of {@code dev.drawbridge.policy.ddl} through {@link
 * dev.drawbridge.policy.risk.model.CalciteDdlAdapter}; {@link
 * dev.drawbridge.policy.risk.model.CatalogTypeText} reads type names as the catalog prints them.
 */
package dev.drawbridge.policy.risk.model;

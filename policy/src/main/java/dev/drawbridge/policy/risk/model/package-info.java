/**
 * The typed statement tree the risk rules and the plan builder work on: the small internal
 * interface between Drawbridge's analysis and whichever DDL parser produced the statement. {@link
 * dev.drawbridge.policy.risk.model.SqlRenderer} turns any tree back into PostgreSQL text (plan
 * steps and fingerprints are rendered from trees, never spliced from user text). {@link
 * dev.drawbridge.policy.risk.model.StopgapDdlParser} reads the DDL subset into these trees until
 * the Calcite-generated parser in {@code dev.drawbridge.policy.ddl} is wired in through an adapter.
 */
package dev.drawbridge.policy.risk.model;

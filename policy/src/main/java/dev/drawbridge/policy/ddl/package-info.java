/**
 * PostgreSQL DDL parsing for the risk analysis: {@link dev.drawbridge.policy.ddl.DdlParser} turns
 * one statement into a typed Calcite tree (node classes in {@code dev.drawbridge.policy.ddl.node})
 * or a "not understood" result with a position, failing closed; {@link
 * dev.drawbridge.policy.ddl.PgUnparser} renders trees back to PostgreSQL text. The parser is
 * generated at build time from calcite-core's {@code Parser.jj} and {@code src/main/codegen}.
 */
package dev.drawbridge.policy.ddl;

/**
 * The parser generated from calcite-core's grammar template plus Drawbridge's PostgreSQL DDL
 * productions (sources under {@code target/generated-sources}), and {@link
 * dev.drawbridge.policy.ddl.parser.CheapErrorParser}, its subclass with a cheap error path. Use it
 * through {@link dev.drawbridge.policy.ddl.DdlParser}.
 */
package dev.drawbridge.policy.ddl.parser;

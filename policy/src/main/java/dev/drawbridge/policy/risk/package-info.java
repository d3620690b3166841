/**
 * Risk analysis of schema changes: which lock a statement takes on which tables, whether it
 * rewrites or scans, and which of Drawbridge's stable rule ids it breaks, judged against {@link
 * dev.drawbridge.policy.facts.CatalogFacts} and the session state. Pure: same inputs, same report.
 */
package dev.drawbridge.policy.risk;

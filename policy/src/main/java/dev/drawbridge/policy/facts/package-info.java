/**
 * Immutable catalog and session facts the risk rules judge against: server version, settings, table
 * sizes, column and constraint state, function volatility, domains and partitions. Unknown facts
 * are read conservatively: an unknown table is large and busy, an unknown function is volatile, an
 * unknown server version fails every "from version N on" gate.
 */
package dev.drawbridge.policy.facts;

/**
 * Access rules: who may run which class of statement against which database. A pure function of a
 * {@link dev.drawbridge.policy.access.Principal}, a database name and a {@link
 * dev.drawbridge.policy.sql.StatementClass}, answering with a sealed {@link
 * dev.drawbridge.policy.access.AccessDecision}. No I/O, no clock; rules are validated once, when
 * {@link dev.drawbridge.policy.access.AccessRules} is built.
 */
package dev.drawbridge.policy.access;

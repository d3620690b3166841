/**
 * PostgreSQL lexical analysis and statement classification. {@link
 * dev.drawbridge.policy.sql.SqlLexer} turns a query string into a {@link
 * dev.drawbridge.policy.sql.TokenStream} following the rules of PostgreSQL's {@code scan.l}; {@link
 * dev.drawbridge.policy.sql.StatementSplitter} cuts it at top-level semicolons; {@link
 * dev.drawbridge.policy.sql.StatementClassifier} assigns each statement a {@link
 * dev.drawbridge.policy.sql.StatementClass}. {@link dev.drawbridge.policy.sql.SqlAnalyzer} is the
 * entry point that does all three and fails closed: anything it cannot lex is reported as a {@link
 * dev.drawbridge.policy.sql.LexicalError} and anything it cannot classify is {@code UNKNOWN}.
 */
package dev.drawbridge.policy.sql;

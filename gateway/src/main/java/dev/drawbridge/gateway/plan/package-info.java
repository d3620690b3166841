/**
 * The {@code drawbridge plan} command: the policy engine offline, for CI on migration files. Reads
 * SQL files (or stdin), catalog facts from a JSON facts file or a live database, judges every
 * statement with the statements before it as context, and prints findings and staged plans as text
 * (like a linter) or JSON.
 */
package dev.drawbridge.gateway.plan;

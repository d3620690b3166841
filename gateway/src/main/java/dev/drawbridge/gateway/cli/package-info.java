/**
 * The {@code drawbridge} command line (picocli): {@code serve} and {@code demo}, their flags, help
 * texts and exit codes (0 ok, 1 runtime failure, 2 usage or configuration error).
 */
package dev.drawbridge.gateway.cli;

/**
 * The upstream side of a session: opening the connection on the client's event loop and, in gateway
 * mode, logging in with the configured credentials (trust, cleartext, MD5 or SCRAM).
 */
package dev.drawbridge.proxy.upstream;

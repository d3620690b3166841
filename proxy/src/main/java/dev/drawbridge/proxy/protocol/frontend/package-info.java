/** Messages a client (frontend) sends, as named in the PostgreSQL documentation. */
package dev.drawbridge.proxy.protocol.frontend;

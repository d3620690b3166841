/** Messages the server (backend) sends, as named in the PostgreSQL documentation. */
package dev.drawbridge.proxy.protocol.backend;

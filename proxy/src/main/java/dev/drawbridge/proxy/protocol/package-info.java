/**
 * The PostgreSQL v3 protocol messages the proxy inspects, one immutable record per message, named
 * as in the PostgreSQL documentation ("Message Formats"). Everything else is relayed as a {@link
 * dev.drawbridge.proxy.codec.Frame} without being decoded.
 */
package dev.drawbridge.proxy.protocol;

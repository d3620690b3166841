/**
 * Framing and primitive encoding of the PostgreSQL wire protocol: the startup-phase decoder, the
 * bounded length-field frame decoder, and the SQLSTATE constants the proxy raises.
 */
package dev.drawbridge.proxy.codec;

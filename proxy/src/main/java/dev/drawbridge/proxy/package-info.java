/**
 * The PostgreSQL v3 wire-protocol proxy built on Netty: startup, TLS, authentication, the session
 * relay between client and upstream, cancel routing and limits.
 */
package dev.drawbridge.proxy;

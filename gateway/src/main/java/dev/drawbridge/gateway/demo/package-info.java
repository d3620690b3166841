/**
 * {@code drawbridge demo}: an embedded PostgreSQL with a sample shop schema, a self-signed TLS
 * certificate, three demo users and a gateway in front, all in a temporary directory that is
 * removed on exit.
 */
package dev.drawbridge.gateway.demo;

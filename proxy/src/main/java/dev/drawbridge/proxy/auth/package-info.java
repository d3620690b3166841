/**
 * Authentication: SCRAM-SHA-256 verifiers and exchanges (server side for clients in gateway mode,
 * client side for the upstream login), MD5, and the {@link
 * dev.drawbridge.proxy.auth.ClientAuthenticator} seam that token (OIDC) authentication will plug
 * into.
 */
package dev.drawbridge.proxy.auth;

/**
 * Authentication: SCRAM-SHA-256 verifiers and exchanges (server side for clients in gateway mode,
 * client side for the upstream login), MD5, and the {@link
 * dev.drawbridge.proxy.auth.ClientAuthenticator} seam. In gateway mode {@link
 * dev.drawbridge.proxy.auth.GatewayAuthenticators} gives local users SCRAM and everyone else a
 * token prompt checked by a {@link dev.drawbridge.proxy.auth.TokenVerifier}; {@link
 * dev.drawbridge.proxy.auth.TokenTransportGuard} keeps tokens off unencrypted remote connections.
 */
package dev.drawbridge.proxy.auth;

/**
 * Identity: OIDC access tokens (Keycloak) checked offline against the issuer's key set, for clients
 * that send a token as their password in gateway auth mode; and the OAuth 2.0 device authorization
 * grant behind {@code drawbridge login}.
 */
package dev.drawbridge.gateway.identity;

/**
 * The admin API: JSON over HTTP under {@code /api/v1}, described by the OpenAPI document it serves
 * at {@code /api/v1/openapi.json}. Every route names the roles that may call it; callers
 * authenticate with a Keycloak bearer token or, on loopback, a local user's password.
 */
package dev.drawbridge.admin.api;

/**
 * Test fixtures shared by every module: one real PostgreSQL server per test run (embedded by
 * default, an external server when {@code DRAWBRIDGE_TEST_PG_URL} is set), with roles that log in
 * with each password method so that authentication relays can be tested against the real thing; and
 * one real Keycloak per test run ({@link dev.drawbridge.testkit.KeycloakExtension}) with the {@code
 * drawbridge} test realm, for identity tests.
 */
package dev.drawbridge.testkit;

/**
 * The policy engine: a pure function of immutable inputs. It lexes, classifies and parses
 * statements, judges schema changes against catalog facts, builds staged plans and decides access.
 * It performs no I/O and reads no clock; the ports it declares are implemented in the gateway.
 */
package dev.drawbridge.policy;

/**
 * The runnable gateway: {@link dev.drawbridge.gateway.Main} wires the real world (environment,
 * console, clock, shutdown hooks) into the command line; the subpackages hold the CLI, the
 * configuration, the runtime wiring and the demo.
 */
package dev.drawbridge.gateway;

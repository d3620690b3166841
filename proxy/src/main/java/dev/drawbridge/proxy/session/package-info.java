/**
 * One client session: startup, TLS, authentication, then the relay between the client channel and
 * its upstream channel, with the statement gate on every Query and Parse, cancel routing, timeouts
 * and backpressure.
 */
package dev.drawbridge.proxy.session;

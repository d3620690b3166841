/**
 * The gateway's configuration: the YAML file, the command-line overrides, and their validation into
 * one immutable {@link dev.drawbridge.gateway.config.GatewayConfig}. Every problem is reported with
 * where it came from (a file position or a flag) and what to do about it.
 */
package dev.drawbridge.gateway.config;

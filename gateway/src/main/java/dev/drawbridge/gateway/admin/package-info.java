/** The gateway's side of the admin API: its ports implemented over the proxy and the config. */
package dev.drawbridge.gateway.admin;

/**
 * The admin HTTP API and web console: change requests, approvals, grants, rollouts, audit, live
 * sessions, health and metrics.
 */
package dev.drawbridge.admin;

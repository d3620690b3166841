/**
 * The approval workflow: change requests, approvals, grants. {@link
 * dev.drawbridge.gateway.workflow.ChangeDesk} is what the statement gate sees of it.
 */
package dev.drawbridge.gateway.workflow;

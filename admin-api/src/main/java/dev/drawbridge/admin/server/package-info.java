/**
 * The admin HTTP listener: a small JDK {@code HttpServer} that routes exact paths to handlers and
 * answers everything else with 404. Later issues add the request, grant and audit endpoints here.
 */
package dev.drawbridge.admin.server;

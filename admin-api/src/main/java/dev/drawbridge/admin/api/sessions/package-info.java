/** Live client sessions: list them, end one. */
package dev.drawbridge.admin.api.sessions;

package dev.drawbridge.gateway.rollout;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections to the upstream with the DDL credential, used only by the gateway itself to run
 * approved plans. The caller closes each connection it opens.
 */
@FunctionalInterface
public interface DdlConnections {

  Connection open(String database) throws SQLException;
}

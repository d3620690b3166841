package dev.drawbridge.policy.ddl.node;

import org.apache.calcite.sql.SqlWriter;

/** {@code CASCADE}, {@code RESTRICT}, or neither written. */
public enum DropBehavior {
  UNSPECIFIED,
  CASCADE,
  RESTRICT;

  void unparse(SqlWriter writer) {
    if (this != UNSPECIFIED) {
      writer.keyword(name());
    }
  }
}

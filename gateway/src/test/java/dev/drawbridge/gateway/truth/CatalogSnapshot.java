package dev.drawbridge.gateway.truth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of one schema's catalog a schema change can alter, normalised to sorted text lines with
 * the schema name removed, so two schemas built the same way compare equal: columns (type, default,
 * nullability, identity, generation), constraints (definition, validity) and indexes (definition,
 * validity).
 */
final class CatalogSnapshot {

  private CatalogSnapshot() {}

  static List<String> of(Connection c, String schema) throws SQLException {
    List<String> lines = new ArrayList<>();
    query(
        c,
        schema,
        "SELECT 'column ' || cl.relname || '.' || a.attname || ' ' || format_type(a.atttypid,"
            + " a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
            + " || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')"
            + " || CASE WHEN a.attidentity::text <> '' THEN ' IDENTITY ' || a.attidentity::text ELSE '' END"
            + " || CASE WHEN a.attgenerated::text <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END"
            + " FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = cl.relnamespace"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE n.nspname = ? AND cl.relkind IN ('r', 'p') AND a.attnum > 0"
            + " AND NOT a.attisdropped",
        lines);
    query(
        c,
        schema,
        "SELECT 'constraint ' || cl.relname || '.' || k.conname || ' ' || k.contype::text || ' '"
            + " || pg_get_constraintdef(k.oid) || CASE WHEN k.convalidated THEN '' ELSE"
            + " ' (not validated)' END FROM pg_constraint k JOIN pg_class cl ON cl.oid ="
            + " k.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ?",
        lines);
    query(
        c,
        schema,
        "SELECT 'index ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN ''"
            + " ELSE ' (invalid)' END FROM pg_index i JOIN pg_class cl ON cl.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ?",
        lines);
    query(
        c,
        schema,
        "SELECT 'relation ' || cl.relname || ' ' || cl.relkind::text FROM pg_class cl"
            + " JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = ?"
            + " AND cl.relkind IN ('r', 'p', 'S', 'v')",
        lines);
    query(
        c,
        schema,
        "SELECT 'sequence ' || s.relname || ' owned by ' || t.relname || '.' || a.attname"
            + " || ' (' || d.deptype::text || ')' FROM pg_depend d"
            + " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
            + " JOIN pg_class t ON t.oid = d.refobjid"
            + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
            + " JOIN pg_namespace n ON n.oid = s.relnamespace"
            + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
            + " AND d.refobjsubid > 0 AND n.nspname = ?",
        lines);
    String prefix = schema + ".";
    return lines.stream().map(l -> l.replace(prefix, "")).sorted().toList();
  }

  private static void query(Connection c, String schema, String sql, List<String> out)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, schema);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
  }
}

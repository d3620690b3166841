package dev.drawbridge.gateway.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for lists: a header, aligned columns, long cells shortened. */
final class Tables {

  private static final int MAX_CELL = 60;

  private Tables() {}

  static void print(PrintWriter out, List<String> header, List<List<String>> rows, String empty) {
    if (rows.isEmpty()) {
      out.println(empty);
      return;
    }
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    for (List<String> row : rows) {
      all.add(row.stream().map(Tables::shorten).toList());
    }
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** A field as text, "-" when absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "-" : v.asText();
  }

  private static String shorten(String cell) {
    String oneLine = cell.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_CELL ? oneLine : oneLine.substring(0, MAX_CELL - 1) + "…";
  }
}

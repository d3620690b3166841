package dev.drawbridge.gateway.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.policy.plan.BackfillSpec;
import dev.drawbridge.policy.risk.model.SqlRenderer;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A backfill as stored with its rollout: SQL fragments rendered from the plan's trees when the
 * rollout was created, so that a resumed rollout runs exactly what was approved.
 *
 * @param table the table, rendered (quoted where needed)
 * @param key its single-column primary key, rendered; empty: page by ctid ranges
 * @param column the column to fill, rendered
 * @param value the value expression, rendered
 * @param batchSize the plan's batch size (rows)
 */
public record BackfillTarget(
    String table, Optional<String> key, String column, String value, int batchSize) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public BackfillTarget {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(value, "value");
  }

  public static BackfillTarget of(BackfillSpec spec) {
    return new BackfillTarget(
        SqlRenderer.name(spec.table()),
        spec.key().map(SqlRenderer::ident),
        SqlRenderer.ident(spec.column()),
        SqlRenderer.expr(spec.value()),
        spec.batchSize());
  }

  /** The predicate that selects rows still to fill. */
  public String stillNeeded() {
    return column + " IS NULL";
  }

  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("table", table);
    o.put("key", key.orElse(null));
    o.put("column", column);
    o.put("value", value);
    o.put("batchSize", batchSize);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BackfillTarget fromJson(String json) {
    try {
      JsonNode o = JSON.readTree(json);
      JsonNode key = o.path("key");
      return new BackfillTarget(
          o.path("table").asText(),
          key.isTextual() ? Optional.of(key.asText()) : Optional.empty(),
          o.path("column").asText(),
          o.path("value").asText(),
          o.path("batchSize").asInt(BackfillSpec.DEFAULT_BATCH_SIZE));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable backfill in the state store: " + json, e);
    }
  }
}

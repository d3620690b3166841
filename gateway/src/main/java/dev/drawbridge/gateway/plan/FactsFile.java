package dev.drawbridge.gateway.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.CheckFacts;
import dev.drawbridge.policy.facts.ColumnFacts;
import dev.drawbridge.policy.facts.FunctionFacts;
import dev.drawbridge.policy.facts.IndexFacts;
import dev.drawbridge.policy.facts.NotNullCheck;
import dev.drawbridge.policy.facts.PartitionFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.facts.Volatility;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the {@code plan} command's facts file: a JSON description of the target database, for CI
 * runs without a database connection. Every key is checked; an unknown key is an error naming its
 * path (a typo must not silently turn a fact into "unknown"). Format:
 *
 * <pre>
 * {"server_version": "15.4", "settings": {"TimeZone": "UTC"},
 *  "tables": {"users": {"rows": 50000000, "size_bytes": 1, "partitioned": false,
 *     "created_in_transaction": false, "primary_key": ["id"], "partitions": [], "partition_key": [],
 *     "foreign_keys": {"users_org_fk": "orgs"},
 *     "indexes": {"users_pkey": {"columns": ["id"], "unique": true, "valid": true}},
 *     "columns": {"name": {"type": "varchar(50)", "not_null": false,
 *        "check_constraints": ["users_name_check"], "not_null_check": "valid"}}},
 *   "*": {"rows": 0}},
 *  "functions": {"my_fn": {"volatility": "volatile", "inlinable": false}},
 *  "domains": {"positive_int": {"has_constraints": true, "base_type": "integer"}},
 *  "enums": ["mood"],
 *  "partitions": {"measurements_2027": {"bound_check_validated": true}}}
 * </pre>
 *
 * A check constraint is a name, or an object {@code {"name", "definition", "valid"}}.
 */
public final class FactsFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FactsFile() {}

  /** Parses the file's text; {@code versionOverride} (from --pg-version) wins over the file. */
  public static CatalogFacts parse(String json, Optional<PgVersion> versionOverride)
      throws FactsFileException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FactsFileException(
          "the facts file is not valid JSON: " + e.getOriginalMessage() + location(e), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new FactsFileException("the facts file is empty");
    }
    ObjectNode top = object(root, "$");
    allowed(
        top,
        "$",
        "server_version",
        "settings",
        "tables",
        "functions",
        "domains",
        "enums",
        "partitions");
    CatalogFacts.Builder b = CatalogFacts.builder();
    if (top.has("server_version")) {
      String v = text(top.get("server_version"), "$.server_version");
      b.version(
          PgVersion.parse(v)
              .orElseThrow(
                  () ->
                      new FactsFileException(
                          "$.server_version: '" + v + "' is not a PostgreSQL version")));
    }
    versionOverride.ifPresent(b::version);
    if (top.has("settings")) {
      ObjectNode settings = object(top.get("settings"), "$.settings");
      for (var e : fields(settings)) {
        b.setting(e.getKey(), scalar(e.getValue(), "$.settings." + e.getKey()));
      }
    }
    if (top.has("tables")) {
      for (var e : fields(object(top.get("tables"), "$.tables"))) {
        String path = "$.tables." + e.getKey();
        TableFacts t = table(e.getValue(), path);
        if (e.getKey().equals("*")) {
          b.defaultTable(t);
        } else {
          b.table(e.getKey(), t);
        }
      }
    }
    if (top.has("functions")) {
      for (var e : fields(object(top.get("functions"), "$.functions"))) {
        String path = "$.functions." + e.getKey();
        ObjectNode f = object(e.getValue(), path);
        allowed(f, path, "volatility", "inlinable");
        if (!f.has("volatility")) {
          throw new FactsFileException(path + ": 'volatility' is required");
        }
        String v = text(f.get("volatility"), path + ".volatility");
        Volatility vol =
            switch (v.toLowerCase(Locale.ROOT)) {
              case "immutable", "i" -> Volatility.IMMUTABLE;
              case "stable", "s" -> Volatility.STABLE;
              case "volatile", "v" -> Volatility.VOLATILE;
              default ->
                  throw new FactsFileException(
                      path + ".volatility: '" + v + "' is not immutable, stable or volatile");
            };
        b.function(new FunctionFacts(e.getKey(), vol, bool(f, "inlinable", path, false)));
      }
    }
    if (top.has("domains")) {
      for (var e : fields(object(top.get("domains"), "$.domains"))) {
        String path = "$.domains." + e.getKey();
        ObjectNode d = object(e.getValue(), path);
        allowed(d, path, "has_constraints", "base_type");
        String base = d.has("base_type") ? text(d.get("base_type"), path + ".base_type") : "";
        b.type(TypeFacts.domain(e.getKey(), base, bool(d, "has_constraints", path, true)));
      }
    }
    if (top.has("enums")) {
      for (String name : strings(top.get("enums"), "$.enums")) {
        b.type(TypeFacts.enumType(name));
      }
    }
    if (top.has("partitions")) {
      for (var e : fields(object(top.get("partitions"), "$.partitions"))) {
        String path = "$.partitions." + e.getKey();
        ObjectNode p = object(e.getValue(), path);
        allowed(p, path, "bound_check_validated");
        b.partition(
            new PartitionFacts(
                QualifiedName.parse(e.getKey()), bool(p, "bound_check_validated", path, false)));
      }
    }
    return b.build();
  }

  private static TableFacts table(JsonNode node, String path) throws FactsFileException {
    ObjectNode t = object(node, path);
    allowed(
        t,
        path,
        "rows",
        "size_bytes",
        "partitioned",
        "created_in_transaction",
        "columns",
        "primary_key",
        "indexes",
        "partitions",
        "partition_key",
        "foreign_keys");
    OptionalLong rows = count(t, "rows", path);
    OptionalLong size = count(t, "size_bytes", path);
    Map<String, ColumnFacts> columns = new LinkedHashMap<>();
    if (t.has("columns")) {
      for (var e : fields(object(t.get("columns"), path + ".columns"))) {
        columns.put(e.getKey(), column(e.getKey(), e.getValue(), path + ".columns." + e.getKey()));
      }
    }
    Map<String, IndexFacts> indexes = new LinkedHashMap<>();
    if (t.has("indexes")) {
      for (var e : fields(object(t.get("indexes"), path + ".indexes"))) {
        String ip = path + ".indexes." + e.getKey();
        ObjectNode i = object(e.getValue(), ip);
        allowed(i, ip, "columns", "unique", "valid");
        List<String> cols =
            i.has("columns") ? strings(i.get("columns"), ip + ".columns") : List.of();
        indexes.put(
            e.getKey(),
            new IndexFacts(
                e.getKey(), cols, bool(i, "unique", ip, false), bool(i, "valid", ip, true)));
      }
    }
    List<QualifiedName> partitions = new ArrayList<>();
    if (t.has("partitions")) {
      for (String p : strings(t.get("partitions"), path + ".partitions")) {
        partitions.add(QualifiedName.parse(p));
      }
    }
    Map<String, QualifiedName> foreignKeys = new LinkedHashMap<>();
    if (t.has("foreign_keys")) {
      for (var e : fields(object(t.get("foreign_keys"), path + ".foreign_keys"))) {
        foreignKeys.put(
            e.getKey(),
            QualifiedName.parse(text(e.getValue(), path + ".foreign_keys." + e.getKey())));
      }
    }
    return new TableFacts(
        rows,
        size,
        bool(t, "partitioned", path, false),
        bool(t, "created_in_transaction", path, false),
        columns,
        t.has("primary_key") ? strings(t.get("primary_key"), path + ".primary_key") : List.of(),
        indexes,
        partitions,
        t.has("partition_key")
            ? strings(t.get("partition_key"), path + ".partition_key")
            : List.of(),
        foreignKeys);
  }

  private static ColumnFacts column(String name, JsonNode node, String path)
      throws FactsFileException {
    ObjectNode c = object(node, path);
    allowed(c, path, "type", "not_null", "check_constraints", "not_null_check");
    if (!c.has("type")) {
      throw new FactsFileException(path + ": 'type' is required");
    }
    String type = text(c.get("type"), path + ".type");
    List<CheckFacts> checks = new ArrayList<>();
    if (c.has("check_constraints")) {
      JsonNode arr = c.get("check_constraints");
      if (!arr.isArray()) {
        throw new FactsFileException(path + ".check_constraints: expected an array");
      }
      for (int i = 0; i < arr.size(); i++) {
        String cp = path + ".check_constraints[" + i + "]";
        JsonNode x = arr.get(i);
        if (x.isTextual()) {
          checks.add(new CheckFacts(x.asText(), "", true));
        } else {
          ObjectNode o = object(x, cp);
          allowed(o, cp, "name", "definition", "valid");
          if (!o.has("name")) {
            throw new FactsFileException(cp + ": 'name' is required");
          }
          checks.add(
              new CheckFacts(
                  text(o.get("name"), cp + ".name"),
                  o.has("definition") ? text(o.get("definition"), cp + ".definition") : "",
                  bool(o, "valid", cp, true)));
        }
      }
    }
    NotNullCheck nn = NotNullCheck.NONE;
    if (c.has("not_null_check")) {
      String v = text(c.get("not_null_check"), path + ".not_null_check");
      nn =
          switch (v.toLowerCase(Locale.ROOT)) {
            case "none" -> NotNullCheck.NONE;
            case "not_valid", "not-valid" -> NotNullCheck.NOT_VALID;
            case "valid" -> NotNullCheck.VALID;
            default ->
                throw new FactsFileException(
                    path + ".not_null_check: '" + v + "' is not none, not_valid or valid");
          };
    }
    return new ColumnFacts(name, type, bool(c, "not_null", path, false), checks, nn);
  }

  // ----------------------------------------------------------------- helpers

  private static String location(JsonProcessingException e) {
    var l = e.getLocation();
    return l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
  }

  private static ObjectNode object(JsonNode n, String path) throws FactsFileException {
    if (!(n instanceof ObjectNode o)) {
      throw new FactsFileException(path + ": expected an object, found " + kind(n));
    }
    return o;
  }

  private static void allowed(ObjectNode o, String path, String... keys) throws FactsFileException {
    Set<String> ok = Set.of(keys);
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!ok.contains(k)) {
        throw new FactsFileException(
            path + "." + k + ": unknown key (allowed here: " + String.join(", ", keys) + ")");
      }
    }
  }

  private static List<Map.Entry<String, JsonNode>> fields(ObjectNode o) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    o.fields().forEachRemaining(out::add);
    return out;
  }

  private static String text(JsonNode n, String path) throws FactsFileException {
    if (!n.isTextual()) {
      throw new FactsFileException(path + ": expected a string, found " + kind(n));
    }
    return n.asText();
  }

  private static String scalar(JsonNode n, String path) throws FactsFileException {
    if (!n.isValueNode() || n.isNull()) {
      throw new FactsFileException(path + ": expected a string or number, found " + kind(n));
    }
    return n.asText();
  }

  private static boolean bool(ObjectNode o, String key, String path, boolean dflt)
      throws FactsFileException {
    if (!o.has(key)) {
      return dflt;
    }
    JsonNode n = o.get(key);
    if (!n.isBoolean()) {
      throw new FactsFileException(path + "." + key + ": expected true or false, found " + kind(n));
    }
    return n.asBoolean();
  }

  private static OptionalLong count(ObjectNode o, String key, String path)
      throws FactsFileException {
    if (!o.has(key) || o.get(key).isNull()) {
      return OptionalLong.empty();
    }
    JsonNode n = o.get(key);
    if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
      throw new FactsFileException(
          path + "." + key + ": expected a non-negative integer, found " + n);
    }
    return OptionalLong.of(n.asLong());
  }

  private static List<String> strings(JsonNode n, String path) throws FactsFileException {
    if (!n.isArray()) {
      throw new FactsFileException(path + ": expected an array of strings, found " + kind(n));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(text(n.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  private static String kind(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }
}

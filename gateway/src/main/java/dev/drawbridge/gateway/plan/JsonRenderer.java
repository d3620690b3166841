package dev.drawbridge.gateway.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.policy.plan.PlanStep;
import dev.drawbridge.policy.plan.StagedPlan;
import dev.drawbridge.policy.risk.Finding;
import dev.drawbridge.policy.risk.Verdict;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code plan} command's JSON output. The field names are a contract (CI scripts read them):
 * {@code statements[].{index, line, sql, class, verdict, findings[].{rule, message, lock, rewrite,
 * scan}, plan.{fingerprint, steps[].{kind, sql, rollback}}}}; further fields may be added.
 */
public final class JsonRenderer {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonRenderer() {}

  public static String render(List<PlannedStatement> statements) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("statements");
    for (PlannedStatement s : statements) {
      ObjectNode o = list.addObject();
      o.put("file", s.source());
      o.put("index", s.index());
      o.put("line", s.line());
      o.put("sql", s.sql());
      o.put("class", s.statementClass());
      o.put("verdict", verdict(s.verdict()));
      ArrayNode findings = o.putArray("findings");
      for (Finding f : s.findings()) {
        ObjectNode fo = findings.addObject();
        fo.put("rule", f.ruleId());
        fo.put("message", f.message());
        if (f.lock().isPresent()) {
          fo.put("lock", f.lock().get().pgName());
        } else {
          fo.putNull("lock");
        }
        fo.put("rewrite", f.rewrite());
        fo.put("scan", f.scan());
        fo.put("advisory", f.advisory());
        fo.put("instead", f.rule().instead());
      }
      o.put("explanation", s.explanation());
      if (s.plan().isPresent()) {
        o.set("plan", plan(s.plan().get(), s.fingerprint().orElse("")));
      } else {
        o.putNull("plan");
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode plan(StagedPlan p, String fingerprint) {
    ObjectNode o = JSON.createObjectNode();
    o.put("fingerprint", fingerprint);
    o.put("online", p.online());
    ArrayNode steps = o.putArray("steps");
    for (PlanStep s : p.steps()) {
      ObjectNode so = steps.addObject();
      so.put("kind", kind(s));
      so.put("description", s.description());
      so.put("sql", String.join(";\n", s.sql()));
      if (s.rollbackSql().isEmpty()) {
        so.putNull("rollback");
      } else {
        so.put("rollback", String.join(";\n", s.rollbackSql()));
      }
      so.put("transactional", s.transactional());
    }
    ArrayNode notes = o.putArray("notes");
    p.notes().forEach(notes::add);
    return o;
  }

  static String kind(PlanStep s) {
    return s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String verdict(Verdict v) {
    return switch (v) {
      case SAFE -> "safe";
      case UNSAFE -> "unsafe";
      case NOT_UNDERSTOOD -> "not-understood";
    };
  }
}

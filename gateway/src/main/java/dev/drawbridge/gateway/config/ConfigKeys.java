package dev.drawbridge.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The keys {@code drawbridge.yaml} understands, as the file spells them (for docs and tests). */
public final class ConfigKeys {

  private static final Map<String, Class<?>> SECTIONS = sections();

  private ConfigKeys() {}

  private static Map<String, Class<?>> sections() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("", ConfigFileModel.File.class);
    m.put("upstream", ConfigFileModel.Upstream.class);
    m.put("tls", ConfigFileModel.Tls.class);
    m.put("users", ConfigFileModel.User.class);
    m.put("limits", ConfigFileModel.Limits.class);
    m.put("policy", ConfigFileModel.Policy.class);
    m.put("oidc", ConfigFileModel.Oidc.class);
    m.put("state-store", ConfigFileModel.StateStore.class);
    m.put("workflow", ConfigFileModel.Workflow.class);
    m.put("workflow.read-login", ConfigFileModel.SessionLogin.class);
    m.put("workflow.write-login", ConfigFileModel.SessionLogin.class);
    m.put("rollout", ConfigFileModel.Rollout.class);
    m.put("audit", ConfigFileModel.Audit.class);
    return m;
  }

  /** Keys per section; the top level is "", the entries of the users list are "users". */
  public static Map<String, List<String>> bySection() {
    ObjectMapper m =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    SECTIONS.forEach(
        (name, type) ->
            keys.put(
                name,
                m
                    .getSerializationConfig()
                    .introspect(m.constructType(type))
                    .findProperties()
                    .stream()
                    .map(p -> p.getName())
                    .sorted()
                    .toList()));
    return keys;
  }

  /**
   * Every leaf key: top-level scalars ({@code listen}), section keys as {@code section.key} ({@code
   * limits.auth-timeout}), and the keys of a user entry by themselves ({@code name}).
   */
  public static List<String> all() {
    List<String> all = new ArrayList<>();
    Set<String> sectionNames = SECTIONS.keySet();
    bySection()
        .forEach(
            (section, keys) -> {
              for (String key : keys) {
                if (section.isEmpty()) {
                  if (!sectionNames.contains(key) || key.equals("users")) {
                    all.add(key);
                  }
                } else if (section.equals("users")) {
                  all.add(key);
                } else {
                  all.add(section + "." + key);
                }
              }
            });
    return all;
  }
}

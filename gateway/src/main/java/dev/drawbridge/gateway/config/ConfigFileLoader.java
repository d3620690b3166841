package dev.drawbridge.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.drawbridge.policy.access.AccessRule;
import dev.drawbridge.policy.access.AccessRules;
import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code drawbridge.yaml} into {@link ConfigSettings}. Unknown keys, wrong types and bad
 * values are errors that name the key and its line and column. Values may refer to environment
 * variables as {@code ${NAME}}; relative TLS paths are resolved against the file's directory.
 */
public final class ConfigFileLoader {

  private final ObjectMapper mapper;

  /** Reads files with environment variables from {@code environment}. */
  public ConfigFileLoader(Function<String, String> environment) {
    EnvSubstitution env = new EnvSubstitution(environment);
    SimpleModule values = new SimpleModule("drawbridge-config-values");
    values.addDeserializer(String.class, new ValueDeserializer<>(env, "a text value", s -> s));
    values.addDeserializer(
        HostPort.class, new ValueDeserializer<>(env, "HOST:PORT", HostPort::parse));
    values.addDeserializer(
        UpstreamUrl.class, new ValueDeserializer<>(env, "a postgresql:// URL", UpstreamUrl::parse));
    values.addDeserializer(
        AuthMode.class, new ValueDeserializer<>(env, "passthrough or gateway", AuthModes::parse));
    values.addDeserializer(
        PolicyMode.class, new ValueDeserializer<>(env, "enforce or observe", PolicyMode::parse));
    values.addDeserializer(
        NotUnderstoodAction.class,
        new ValueDeserializer<>(env, "deny or needs-approval", NotUnderstoodAction::parse));
    values.addDeserializer(
        Duration.class, new ValueDeserializer<>(env, "a duration such as 30s", Durations::parse));
    values.addDeserializer(
        ConfigFileModel.ByteSize.class,
        new ValueDeserializer<>(
            env, "a size such as 64MB", s -> new ConfigFileModel.ByteSize(DataSizes.parse(s))));
    this.mapper =
        YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .addModule(values)
            .build();
  }

  /**
   * Reads and checks a file.
   *
   * @throws ConfigException when the file is missing, unreadable or not valid
   */
  public ConfigSettings load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "Config file "
              + file.toAbsolutePath()
              + " does not exist; check the --config path (deploy/examples/drawbridge.yaml is an"
              + " annotated example).");
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage() + ".");
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.getFileName().toString(), dir);
  }

  /**
   * Parses file contents.
   *
   * @param source name used in error messages (the file name)
   * @param baseDirectory directory relative TLS paths are resolved against
   */
  public ConfigSettings parse(String text, String source, Path baseDirectory) {
    ConfigFileModel.File file;
    try (JsonParser parser = mapper.createParser(text)) {
      if (parser.nextToken() == null) {
        return ConfigSettings.empty();
      }
      file = mapper.readValue(parser, ConfigFileModel.File.class);
    } catch (JacksonException e) {
      throw new ConfigException(describe(e, source, text));
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + source + ": " + e.getMessage() + ".");
    }
    if (file == null) {
      return ConfigSettings.empty();
    }
    return toSettings(file, baseDirectory);
  }

  private static ConfigSettings toSettings(ConfigFileModel.File f, Path dir) {
    ConfigSettings.Builder b =
        ConfigSettings.builder()
            .listen(f.listen())
            .auth(f.auth())
            .mode(f.mode())
            .admin(f.admin())
            .eventLoopThreads(f.eventLoopThreads());
    if (f.upstream() != null) {
      b.upstream(f.upstream().url())
          .upstreamPassword(f.upstream().password())
          .upstreamConnectTimeout(f.upstream().connectTimeout());
    }
    if (f.tls() != null) {
      b.tlsCert(f.tls().cert() == null ? null : dir.resolve(f.tls().cert()));
      b.tlsKey(f.tls().key() == null ? null : dir.resolve(f.tls().key()));
    }
    if (f.users() != null) {
      b.users(f.users().stream().map(u -> UserSpec.of(u.name(), u.password(), u.roles())).toList());
    }
    if (f.oidc() != null) {
      ConfigFileModel.Oidc o = f.oidc();
      b.oidc(
          new ConfigSettings.OidcSettings(
              o.issuer(),
              o.jwksUrl(),
              o.audience(),
              o.clockSkew(),
              o.requireTls(),
              o.jwksRefresh()));
    }
    if (f.limits() != null) {
      ConfigFileModel.Limits l = f.limits();
      b.maxMessageSize(l.maxMessageSize() == null ? null : l.maxMessageSize().bytes())
          .maxClientConnections(l.maxClientConnections())
          .authTimeout(l.authTimeout())
          .idleTimeout(l.idleTimeout())
          .shutdownGrace(l.shutdownGrace());
    }
    if (f.stateStore() != null) {
      ConfigFileModel.StateStore st = f.stateStore();
      b.stateStore(
          new StateStoreSection(
              st.url(),
              st.host(),
              st.port(),
              st.database(),
              st.user(),
              st.password(),
              st.poolSize(),
              st.connectTimeout()));
    }
    if (f.workflow() != null) {
      ConfigFileModel.Workflow w = f.workflow();
      b.workflow(
          new WorkflowSection(
              w.approvalsRequired(),
              w.defaultWindow(),
              w.maxWindow(),
              w.requestTimeout(),
              w.sweepInterval(),
              login(w.readLogin()),
              login(w.writeLogin()),
              w.onElevationExpiry(),
              w.grantRecheck()));
    }
    if (f.rollout() != null) {
      ConfigFileModel.Rollout r = f.rollout();
      b.rollout(
          new RolloutSection(
              r.ddlUser(),
              r.ddlPassword(),
              r.poolSize(),
              r.lockTimeout(),
              r.maxAttempts(),
              r.targetBatchDuration(),
              r.maxBatchSize(),
              r.batchPause(),
              r.maxReplicationLag(),
              r.maxLockWaiters(),
              r.lease(),
              r.heartbeat(),
              r.ddlStatementTimeout(),
              r.concurrentStatementTimeout(),
              r.validateStatementTimeout(),
              r.batchStatementTimeout()));
    }
    if (f.audit() != null) {
      ConfigFileModel.Audit a = f.audit();
      b.audit(
          new AuditSection(
              a.gatewayId(),
              a.onStoreOutage(),
              a.spoolFile(),
              a.redactLiterals(),
              a.writeAhead(),
              a.queueCapacity(),
              a.batchSize(),
              a.retryInterval(),
              a.headFile(),
              a.headInterval()));
    }
    if (f.policy() != null) {
      b.policy(policy(f.policy()));
    }
    return b.build();
  }

  private static WorkflowSection.Login login(ConfigFileModel.SessionLogin l) {
    return l == null ? null : new WorkflowSection.Login(l.user(), l.password());
  }

  private static PolicySettings policy(ConfigFileModel.Policy p) {
    PolicySettings d = PolicySettings.defaults();
    AccessRules rules = d.accessRules();
    if (p.accessRules() != null) {
      try {
        rules =
            AccessRules.fromSpecs(
                p.accessRules().stream()
                    .map(
                        r ->
                            new AccessRule.Spec(
                                r.role(),
                                r.kind(),
                                r.classes(),
                                r.database(),
                                r.decision(),
                                r.reason()))
                    .toList());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("policy.access-rules: " + e.getMessage() + ".");
      }
    }
    try {
      return new PolicySettings(
          p.notUnderstood() != null ? p.notUnderstood() : d.notUnderstood(),
          rules,
          p.factsTimeout() != null ? p.factsTimeout() : d.factsTimeout(),
          p.agentStatementTimeout() != null ? p.agentStatementTimeout() : d.agentStatementTimeout(),
          p.passthroughRoles() != null
              ? new java.util.LinkedHashSet<>(p.passthroughRoles())
              : d.passthroughRoles());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + ".");
    }
  }

  private static String describe(JacksonException e, String source, String text) {
    String where = source + position(e.getLocation());
    if (e instanceof UnrecognizedPropertyException u) {
      String key = u.getPropertyName();
      where = source + keyPosition(text, key, e.getLocation());
      String parent = path(u.getPath().subList(0, Math.max(0, u.getPath().size() - 1)));
      List<String> known = names(u.getKnownPropertyIds());
      String suggestion = closest(key, known);
      return where
          + ": unknown key '"
          + key
          + "' "
          + (parent.isEmpty() ? "at the top level" : "in '" + parent + "'")
          + "."
          + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?")
          + " Known keys there: "
          + String.join(", ", known)
          + ".";
    }
    String key = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    String prefix = where + (key.isEmpty() ? "" : ": " + key);
    if (e instanceof BadValueException) {
      return prefix + ": " + e.getOriginalMessage() + ".";
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      return prefix + ": " + v.getCause().getMessage() + ".";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return prefix + ": expected " + expected(m.getTargetType()) + ".";
    }
    if (e instanceof JsonMappingException) {
      return prefix + ": " + firstLine(e.getOriginalMessage()) + ".";
    }
    return where + ": this is not valid YAML: " + firstLine(e.getOriginalMessage());
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list (one '- item' per line, or [a, b])";
    }
    if (type == String.class) {
      return "a single value";
    }
    if (type.isRecord() && type.getEnclosingClass() == ConfigFileModel.class) {
      return "a section (indented 'key: value' lines)";
    }
    return "a value of another kind";
  }

  /**
   * Where the key itself is written. Jackson reports an unknown key of a record at the token after
   * its value, so search back from there for the line that starts with the key.
   */
  private static String keyPosition(String text, String key, JsonLocation reported) {
    String[] lines = text.split("\n", -1);
    int from =
        reported == null || reported.getLineNr() < 1
            ? lines.length - 1
            : Math.min(reported.getLineNr() - 1, lines.length - 1);
    Pattern keyLine = Pattern.compile("^(\\s*(?:-\\s+)?)" + Pattern.quote(key) + "\\s*:");
    for (int i = from; i >= 0; i--) {
      Matcher m = keyLine.matcher(lines[i]);
      if (m.find()) {
        return ":" + (i + 1) + ":" + (m.group(1).length() + 1);
      }
    }
    return position(reported);
  }

  private static String position(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static List<String> names(Collection<Object> ids) {
    return ids == null
        ? List.of()
        : ids.stream().map(Object::toString).sorted().collect(Collectors.toList());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The known key within edit distance 3 of the unknown one, if any. */
  static String closest(String key, List<String> known) {
    String best = null;
    int bestDistance = 4;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** A value that was read but is not acceptable; the message is for the user. */
  static final class BadValueException extends JsonMappingException {
    BadValueException(JsonParser parser, String message) {
      super(parser, message);
    }
  }

  /**
   * Reads a scalar, substitutes environment variables and converts it; a conversion failure becomes
   * a {@link BadValueException} at the value's position.
   */
  private static final class ValueDeserializer<T> extends JsonDeserializer<T> {
    private final EnvSubstitution env;
    private final String expected;
    private final Function<String, T> convert;

    ValueDeserializer(EnvSubstitution env, String expected, Function<String, T> convert) {
      this.env = Objects.requireNonNull(env);
      this.expected = expected;
      this.convert = convert;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        throw new BadValueException(
            p,
            "expected "
                + expected
                + ", found "
                + (t == JsonToken.START_OBJECT ? "a section" : "a list"));
      }
      String raw = p.getValueAsString();
      if (raw == null) {
        throw new BadValueException(p, "expected " + expected);
      }
      try {
        return convert.apply(env.apply(raw));
      } catch (IllegalArgumentException e) {
        throw new BadValueException(p, e.getMessage());
      }
    }
  }
}

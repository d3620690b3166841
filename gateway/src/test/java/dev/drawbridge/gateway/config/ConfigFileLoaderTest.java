package dev.drawbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileLoaderTest {

  private static final Path EXAMPLE = Path.of("..", "deploy", "examples", "drawbridge.yaml");

  private final ConfigFileLoader loader = new ConfigFileLoader(Map.of("PGPW", "from-env")::get);

  private ConfigSettings parse(String yaml) {
    return loader.parse(yaml, "test.yaml", Path.of("/etc/drawbridge"));
  }

  private String problem(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().get(0);
    }
    throw new AssertionError("expected a ConfigException for:\n" + yaml);
  }

  @Test
  void loadsTheAnnotatedExample() {
    ConfigSettings s = loader.load(EXAMPLE);

    assertThat(s.listen()).isEqualTo(new HostPort("127.0.0.1", 6432));
    assertThat(s.upstream().host()).isEqualTo("127.0.0.1");
    assertThat(s.upstream().port()).isEqualTo(5432);
    assertThat(s.upstream().database()).isEqualTo("app");
    assertThat(s.upstream().user()).contains("drawbridge");
    assertThat(s.upstreamPassword()).isEmpty();
    assertThat(s.upstreamConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.auth()).isEqualTo(AuthMode.GATEWAY);
    assertThat(s.mode()).isEqualTo(PolicyMode.ENFORCE);
    assertThat(s.admin()).isEqualTo(new HostPort("127.0.0.1", 8432));
    assertThat(s.tlsCert()).isNull();
    assertThat(s.users()).extracting(UserSpec::name).containsExactly("alice", "bob", "carol");
    assertThat(s.users().get(0).hasVerifier()).isTrue();
    assertThat(s.users().get(1).password()).isEqualTo("bob-example-password");
    assertThat(s.users().get(2).roles()).containsExactly("auditor");
    assertThat(s.maxMessageSize()).isEqualTo(256L * 1024 * 1024);
    assertThat(s.maxClientConnections()).isEqualTo(1000);
    assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.idleTimeout()).isEqualTo(Duration.ZERO);
    assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.eventLoopThreads()).isZero();
  }

  @Test
  void readsThePolicySectionOfTheExample() {
    PolicySettings p = loader.load(EXAMPLE).policy();

    assertThat(p.notUnderstood()).isEqualTo(NotUnderstoodAction.DENY);
    assertThat(p.factsTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.agentStatementTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.passthroughRoles()).containsExactly("engineer");
    var analyst = dev.drawbridge.policy.access.Principal.human("ann", "analyst");
    assertThat(
            p.accessRules()
                .decide(analyst, "app", dev.drawbridge.policy.sql.StatementClass.WRITE)
                .reason())
        .isEqualTo("analysts only read; ask an engineer to change data");
  }

  @Test
  void policyKeysAreOptionalAndDefaulted() {
    PolicySettings p = parse("policy:\n  not-understood: needs-approval\n").policy();

    assertThat(p.notUnderstood()).isEqualTo(NotUnderstoodAction.NEEDS_APPROVAL);
    assertThat(p.factsTimeout()).isEqualTo(PolicySettings.DEFAULT_FACTS_TIMEOUT);
    assertThat(p.accessRules().rules()).isEqualTo(PolicySettings.defaults().accessRules().rules());
    assertThat(parse("listen: 127.0.0.1:6432\n").policy()).isNull();
  }

  @Test
  void badPolicyValuesAreRefusedWithTheirKey() {
    assertThat(problem("policy:\n  not-understood: maybe\n"))
        .contains("not-understood")
        .contains("deny or needs-approval");
    assertThat(problem("policy:\n  not-understud: deny\n"))
        .contains("unknown key 'not-understud' in 'policy'")
        .contains("Did you mean 'not-understood'?");
    assertThat(
            problem(
                "policy:\n  access-rules:\n    - role: x\n      classes: [role_change]\n"
                    + "      decision: allow\n"))
        .contains("policy.access-rules")
        .contains("role changes and statements not understood are always denied");
    assertThat(problem("policy:\n  access-rules:\n    - role: x\n      verdict: allow\n"))
        .contains("unknown key 'verdict'");
    assertThat(problem("policy:\n  facts-timeout: 0\n")).contains("facts-timeout must be positive");
  }

  @Test
  void theExampleSetsEveryKeyTheFileUnderstands() throws Exception {
    String example = java.nio.file.Files.readString(EXAMPLE);
    ConfigKeys.bySection()
        .forEach(
            (section, keys) ->
                keys.forEach(
                    key ->
                        assertThat(example)
                            .as("key %s of section '%s' is documented in the example", key, section)
                            .containsPattern("(?m)^[ #-]*" + key + ":")));
  }

  @Test
  void unknownKeyIsNamedWithLineAndColumn() {
    String msg = problem("listen: 127.0.0.1:6432\nlimits:\n  max-mesage-size: 1MB\n");

    assertThat(msg)
        .startsWith("test.yaml:3:3: unknown key 'max-mesage-size' in 'limits'.")
        .contains("Did you mean 'max-message-size'?")
        .contains("Known keys there: auth-timeout, idle-timeout, max-client-connections");
  }

  @Test
  void unknownTopLevelKey() {
    assertThat(problem("listen: :6432\nupstreams: postgresql://h/db\n"))
        .startsWith("test.yaml:2:1: unknown key 'upstreams' at the top level.")
        .contains("Did you mean 'upstream'?");
  }

  @Test
  void wrongTypeNamesKeyAndExpectation() {
    assertThat(problem("limits:\n  max-client-connections: lots\n"))
        .startsWith("test.yaml:2:")
        .contains("limits.max-client-connections")
        .contains("expected a whole number");
    assertThat(problem("upstream:\n  - postgresql://h/db\n"))
        .startsWith("test.yaml:2:")
        .contains("upstream")
        .contains("expected a section");
    assertThat(problem("users: alice\n")).contains("users").contains("expected a list");
  }

  @Test
  void badValuesSayWhatIsExpected() {
    assertThat(problem("limits:\n  auth-timeout: soon\n"))
        .startsWith("test.yaml:2:17: limits.auth-timeout: 'soon' is not a duration");
    assertThat(problem("auth: ldap\n"))
        .startsWith("test.yaml:1:7: auth: 'ldap' is not an auth mode")
        .contains("passthrough");
    assertThat(problem("limits:\n  max-message-size: huge\n")).contains("is not a size");
    assertThat(problem("listen: localhost\n")).contains("listen: 'localhost' is not HOST:PORT");
    assertThat(problem("upstream:\n  url: mysql://h/db\n"))
        .contains("upstream.url: the upstream URL must start with postgresql://");
    assertThat(problem("admin:\n  port: 8432\n")).contains("admin: expected HOST:PORT");
  }

  @Test
  void userEntriesAreChecked() {
    assertThat(problem("users:\n  - name: dave\n    password: pw\n"))
        .startsWith("test.yaml:")
        .contains("users[0]")
        .contains("user dave has no role");
    assertThat(problem("users:\n  - name: dave\n    password: pw\n    roles: [Boss]\n"))
        .contains("role 'Boss' is not valid");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThat(problem("listen: :6432\nlisten: :6433\n")).contains("listen").contains("2:");
  }

  @Test
  void invalidYamlIsReportedWithPosition() {
    assertThat(problem("listen: \"unclosed\n")).startsWith("test.yaml:").contains("not valid YAML");
  }

  @Test
  void environmentVariablesAreSubstituted() {
    ConfigSettings s =
        parse(
            "upstream:\n  url: postgresql://gw@db:5432/app\n  password: ${PGPW}\n"
                + "admin: ${ADMIN:-127.0.0.1:9000}\n");
    assertThat(s.upstreamPassword()).isEqualTo("from-env");
    assertThat(s.admin()).isEqualTo(new HostPort("127.0.0.1", 9000));
  }

  @Test
  void missingEnvironmentVariableIsAnErrorAtItsPosition() {
    assertThat(problem("upstream:\n  password: ${NOPE}\n"))
        .startsWith("test.yaml:2:13: upstream.password: environment variable NOPE is not set");
  }

  @Test
  void relativeTlsPathsResolveAgainstTheFilesDirectory() {
    ConfigSettings s = parse("tls:\n  cert: tls/server.crt\n  key: /abs/server.key\n");
    assertThat(s.tlsCert()).isEqualTo(Path.of("/etc/drawbridge/tls/server.crt"));
    assertThat(s.tlsKey()).isEqualTo(Path.of("/abs/server.key"));
  }

  @Test
  void emptyFileSetsNothing() {
    assertThat(parse("# nothing\n")).isEqualTo(ConfigSettings.empty());
  }

  @Test
  void missingFileSaysSo() {
    assertThatThrownBy(() -> loader.load(Path.of("does-not-exist.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does-not-exist.yaml does not exist");
  }
}

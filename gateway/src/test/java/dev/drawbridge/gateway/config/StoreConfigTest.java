package dev.drawbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.store.StoreSettings;
import dev.drawbridge.gateway.workflow.ElevationExpiry;
import dev.drawbridge.gateway.workflow.SessionLogin;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state-store and workflow sections: file → settings → validated config. */
class StoreConfigTest {

  private static final String UPSTREAM = "upstream:\n  url: postgresql://db/app\n";

  private final ConfigFileLoader loader = new ConfigFileLoader(Map.of("STORE_PW", "s3cret")::get);
  private final GatewayConfigFactory factory =
      new GatewayConfigFactory(
          p -> {
            throw new UnsupportedOperationException("not needed");
          });

  private GatewayConfig config(String yaml) {
    return factory.create(loader.parse(UPSTREAM + yaml, "test.yaml", Path.of("/etc")));
  }

  private List<String> problems(String yaml) {
    try {
      config(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException for:\n" + yaml);
  }

  @Test
  void withoutASectionThereIsNoStoreAndTheDefaultWorkflow() {
    GatewayConfig c = config("");
    assertThat(c.stateStore()).isEmpty();
    assertThat(c.workflow()).isEqualTo(WorkflowSettings.defaults());
  }

  @Test
  void aUrlGivesServerUserAndPasswordWhichTheKeysOverride() {
    GatewayConfig c =
        config(
            "state-store:\n"
                + "  url: postgresql://gw:inurl@store.internal:5433/dbridge\n"
                + "  password: ${STORE_PW}\n"
                + "  pool-size: 3\n"
                + "  connect-timeout: 2s\n");
    assertThat(c.stateStore())
        .contains(
            new StoreSettings(
                "jdbc:postgresql://store.internal:5433/dbridge",
                "gw",
                "s3cret",
                3,
                Duration.ofSeconds(2)));
  }

  @Test
  void hostPortAndDatabaseInsteadOfAUrl() {
    GatewayConfig c = config("state-store:\n  host: ::1\n  database: dbridge\n  user: gw\n");
    StoreSettings s = c.stateStore().orElseThrow();
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/dbridge");
    assertThat(s.password()).isEmpty();
    assertThat(s.poolSize()).isEqualTo(StoreSettings.DEFAULT_POOL_SIZE);
  }

  @Test
  void aJdbcUrlIsTakenAsItIs() {
    GatewayConfig c =
        config(
            "state-store:\n  url: jdbc:postgresql://a:1,b:2/dbridge?targetServerType=primary\n"
                + "  user: gw\n");
    assertThat(c.stateStore().orElseThrow().jdbcUrl())
        .isEqualTo("jdbc:postgresql://a:1,b:2/dbridge?targetServerType=primary");
    assertThat(c.stateStore().orElseThrow().displayUrl())
        .isEqualTo("jdbc:postgresql://a:1,b:2/dbridge");
  }

  @Test
  void badStoreSettingsAreNamed() {
    assertThat(problems("state-store:\n  url: postgresql://h/db\n  host: h\n  user: u\n"))
        .containsExactly("state-store: give either url or host/port/database, not both.");
    assertThat(problems("state-store:\n  url: postgresql://h/db\n"))
        .singleElement()
        .asString()
        .startsWith("state-store.user is missing");
    assertThat(problems("state-store:\n  host: h\n  user: u\n"))
        .singleElement()
        .asString()
        .startsWith("state-store needs url");
    assertThat(problems("state-store:\n  url: postgresql://u@h/db\n  pool-size: 0\n"))
        .containsExactly("state-store: the pool size must be at least 1, got 0.");
  }

  @Test
  void workflowSettingsAreReadAndChecked() {
    GatewayConfig c =
        config(
            "workflow:\n  approvals-required: 2\n  default-window: 30m\n  max-window: 2h\n"
                + "  request-timeout: 1d\n  sweep-interval: 5s\n");
    assertThat(c.workflow())
        .isEqualTo(
            new WorkflowSettings(
                2,
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                Duration.ofDays(1),
                Duration.ofSeconds(5)));
    assertThat(problems("workflow:\n  approvals-required: 0\n"))
        .containsExactly("workflow: approvals-required must be at least 1, got 0.");
    assertThat(problems("workflow:\n  default-window: 2h\n  max-window: 1h\n"))
        .containsExactly("workflow: max-window (1h) must not be shorter than default-window (2h).");
  }

  @Test
  void unknownKeysInTheNewSectionsAreRefused() {
    String msg = problems("state-store:\n  url: postgresql://u@h/db\n  pool_size: 3\n").get(0);
    assertThat(msg)
        .startsWith("test.yaml:5:3: unknown key 'pool_size' in 'state-store'.")
        .contains("Did you mean 'pool-size'?");
    assertThat(problems("workflow:\n  approvers: 2\n").get(0))
        .contains("unknown key 'approvers' in 'workflow'");
  }

  @Test
  void theExampleFileConfiguresAStore() {
    ConfigSettings file =
        new ConfigFileLoader(Map.<String, String>of()::get)
            .load(Path.of("..", "deploy", "examples", "drawbridge.yaml"));
    GatewayConfig c =
        new GatewayConfigFactory(p -> "SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5").create(file);
    assertThat(c.stateStore().orElseThrow().jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/drawbridge");
    assertThat(c.workflow())
        .isEqualTo(
            WorkflowSettings.defaults()
                .withSessionLogins(
                    Optional.of(new SessionLogin("drawbridge_read", Optional.empty())),
                    Optional.of(new SessionLogin("drawbridge_write", Optional.empty()))));
  }

  @Test
  void sessionLoginsNeedAUserAndExpiryIsSwitchBackOrEndSession() {
    List<String> problems = new ArrayList<>();
    StoreConfigs.workflow(
        new WorkflowSection(
            null,
            null,
            null,
            null,
            null,
            new WorkflowSection.Login(" ", "pw"),
            null,
            "end-session",
            Duration.ofSeconds(5)),
        problems);
    assertThat(problems).singleElement().asString().contains("workflow.read-login.user is missing");
    problems.clear();
    WorkflowSettings w =
        StoreConfigs.workflow(
            new WorkflowSection(null, null, null, null, null, null, null, "end-session", null),
            problems);
    assertThat(problems).isEmpty();
    assertThat(w.onElevationExpiry()).isEqualTo(ElevationExpiry.END_SESSION);
    StoreConfigs.workflow(
        new WorkflowSection(null, null, null, null, null, null, null, "never", null), problems);
    assertThat(problems).singleElement().asString().contains("switch-back or end-session");
  }
}

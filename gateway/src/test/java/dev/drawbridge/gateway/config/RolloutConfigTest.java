package dev.drawbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.rollout.RolloutConfig;
import dev.drawbridge.gateway.rollout.RolloutSettings;
import dev.drawbridge.policy.plan.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout section: file → settings → validated config. */
class RolloutConfigTest {

  private static final String BASE =
      "upstream:\n  url: postgresql://db/app\nstate-store:\n  url: postgresql://gw@store/db\n";

  private final ConfigFileLoader loader = new ConfigFileLoader(Map.of("DDL_PW", "s3cret")::get);
  private final GatewayConfigFactory factory =
      new GatewayConfigFactory(
          p -> {
            throw new UnsupportedOperationException("not needed");
          });

  private GatewayConfig config(String yaml) {
    return factory.create(loader.parse(yaml, "test.yaml", Path.of("/etc")));
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
  void withoutTheSectionThereIsNoExecutor() {
    assertThat(config(BASE).rollout()).isEmpty();
  }

  @Test
  void theSectionSetsTheCredentialAndOverridesDefaults() {
    RolloutConfig r =
        config(
                BASE
                    + "rollout:\n"
                    + "  ddl-user: ddl\n"
                    + "  ddl-password: ${DDL_PW}\n"
                    + "  lock-timeout: 500ms\n"
                    + "  max-attempts: 4\n"
                    + "  target-batch-duration: 100ms\n"
                    + "  max-lock-waiters: 2\n"
                    + "  lease: 20s\n"
                    + "  heartbeat: 5s\n"
                    + "  ddl-statement-timeout: 45s\n"
                    + "  concurrent-statement-timeout: 2h\n"
                    + "  validate-statement-timeout: 30m\n"
                    + "  batch-statement-timeout: 10s\n")
            .rollout()
            .orElseThrow();
    assertThat(r.ddlUser()).isEqualTo("ddl");
    assertThat(r.ddlPassword()).isEqualTo(Optional.of("s3cret"));
    assertThat(r.poolSize()).isEqualTo(3);
    assertThat(r.retry().lockTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.retry().maxAttempts()).isEqualTo(4);
    assertThat(r.retry().initialBackoff()).isEqualTo(RetryPolicy.defaults().initialBackoff());
    assertThat(r.settings().targetBatchDuration()).isEqualTo(Duration.ofMillis(100));
    assertThat(r.settings().maxLockWaiters()).isEqualTo(2);
    assertThat(r.settings().lease()).isEqualTo(Duration.ofSeconds(20));
    assertThat(r.settings().batchPause()).isEqualTo(RolloutSettings.defaults().batchPause());
    assertThat(r.retry().ddlStatementTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(r.settings().concurrentStatementTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(r.settings().validateStatementTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(r.settings().batchStatementTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aMissingUserNoStoreOrABadHeartbeatIsNamed() {
    assertThat(problems(BASE + "rollout:\n  pool-size: 3\n"))
        .anyMatch(p -> p.contains("rollout.ddl-user is missing"));
    assertThat(problems("upstream:\n  url: postgresql://db/app\nrollout:\n  ddl-user: ddl\n"))
        .anyMatch(p -> p.contains("rollout needs a state-store"));
    assertThat(problems(BASE + "rollout:\n  ddl-user: ddl\n  lease: 5s\n  heartbeat: 10s\n"))
        .anyMatch(p -> p.contains("rollout.heartbeat must be positive and below rollout.lease"));
  }

  @Test
  void unknownKeysAreRefused() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> config(BASE + "rollout:\n  ddl-user: ddl\n  lock-timout: 1s\n")))
        .hasMessageContaining("unknown key 'lock-timout' in 'rollout'")
        .hasMessageContaining("lock-timeout");
  }
}

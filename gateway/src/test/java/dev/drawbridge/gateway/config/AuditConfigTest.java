package dev.drawbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.gateway.audit.AuditSettings;
import dev.drawbridge.gateway.audit.OutageMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit section: file → settings → validated config. */
class AuditConfigTest {

  private static final String UPSTREAM = "upstream:\n  url: postgresql://db/app\n";

  private final ConfigFileLoader loader = new ConfigFileLoader(Map.<String, String>of()::get);
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
  void defaultsRefuseRedactAndWriteAhead() {
    AuditSettings a = config("").audit();
    assertThat(a.outageMode()).isEqualTo(OutageMode.REFUSE);
    assertThat(a.redactLiterals()).isTrue();
    assertThat(a.writeAhead()).isTrue();
    assertThat(a.headFile()).isEmpty();
  }

  @Test
  void everyKeyIsRead() {
    AuditSettings a =
        config(
                "audit:\n"
                    + "  gateway-id: gw-eu-1\n"
                    + "  on-store-outage: spool\n"
                    + "  spool-file: /var/spool/audit\n"
                    + "  redact-literals: false\n"
                    + "  write-ahead: false\n"
                    + "  queue-capacity: 1024\n"
                    + "  batch-size: 100\n"
                    + "  retry-interval: 3s\n"
                    + "  head-file: /var/lib/heads.json\n"
                    + "  head-interval: 1m\n")
            .audit();
    assertThat(a)
        .isEqualTo(
            new AuditSettings(
                "gw-eu-1",
                1024,
                100,
                OutageMode.SPOOL,
                Path.of("/var/spool/audit"),
                false,
                false,
                Duration.ofSeconds(3),
                Optional.of(Path.of("/var/lib/heads.json")),
                Duration.ofMinutes(1)));
  }

  @Test
  void badValuesAreNamed() {
    assertThat(problems("audit:\n  on-store-outage: ignore\n"))
        .anyMatch(p -> p.contains("audit.on-store-outage must be refuse or spool, not ignore"));
    assertThat(problems("audit:\n  gateway-id: 'a b'\n"))
        .anyMatch(p -> p.contains("audit.gateway-id must be"));
    assertThat(problems("audit:\n  batch-size: 0\n")).anyMatch(p -> p.contains("audit.batch-size"));
  }
}

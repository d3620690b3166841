package dev.drawbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueParsersTest {

  @Test
  void hostPort() {
    assertThat(HostPort.parse("127.0.0.1:6432")).isEqualTo(new HostPort("127.0.0.1", 6432));
    assertThat(HostPort.parse(":6432")).isEqualTo(new HostPort("0.0.0.0", 6432));
    assertThat(HostPort.parse("[::1]:0")).isEqualTo(new HostPort("::1", 0));
    assertThat(HostPort.parse("[::1]:5").toString()).isEqualTo("[::1]:5");
    assertThatThrownBy(() -> HostPort.parse("localhost"))
        .hasMessageContaining("is not HOST:PORT (for example 127.0.0.1:6432");
    assertThatThrownBy(() -> HostPort.parse("h:http")).hasMessageContaining("is not a number");
    assertThatThrownBy(() -> HostPort.parse("h:70000")).hasMessageContaining("0 and 65535");
    assertThatThrownBy(() -> HostPort.parse("::1:5")).hasMessageContaining("in brackets");
  }

  @Test
  void upstreamUrl() {
    UpstreamUrl u = UpstreamUrl.parse("postgresql://gw:p%40ss%3Aword@db.example:6543/shop");
    assertThat(u.host()).isEqualTo("db.example");
    assertThat(u.port()).isEqualTo(6543);
    assertThat(u.database()).isEqualTo("shop");
    assertThat(u.user()).contains("gw");
    assertThat(u.password()).contains("p@ss:word");
    assertThat(u.toString()).isEqualTo("postgresql://gw:***@db.example:6543/shop");

    UpstreamUrl bare = UpstreamUrl.parse("postgres://db/app");
    assertThat(bare.port()).isEqualTo(5432);
    assertThat(bare.user()).isEmpty();
    assertThat(bare.password()).isEmpty();

    assertThatThrownBy(() -> UpstreamUrl.parse("db:5432/app"))
        .hasMessageContaining("must start with postgresql://");
    assertThatThrownBy(() -> UpstreamUrl.parse("postgresql://db:5432"))
        .hasMessageContaining("must name one database");
    assertThatThrownBy(() -> UpstreamUrl.parse("postgresql://db/app?sslmode=require"))
        .hasMessageContaining("does not support yet");
    assertThatThrownBy(() -> UpstreamUrl.parse("postgresql:///app"))
        .hasMessageContaining("names no host");
  }

  @Test
  void userSpec() {
    UserSpec u = UserSpec.parse("alice:s3cret:engineer");
    assertThat(u.name()).isEqualTo("alice");
    assertThat(u.password()).isEqualTo("s3cret");
    assertThat(u.roles()).containsExactly("engineer");
    assertThat(u.hasVerifier()).isFalse();
    assertThat(u.toString()).doesNotContain("s3cret");

    String verifier = "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy";
    UserSpec v = UserSpec.parse("bob:" + verifier + ":approver, auditor");
    assertThat(v.password()).isEqualTo(verifier);
    assertThat(v.hasVerifier()).isTrue();
    assertThat(v.roles()).containsExactlyInAnyOrder("approver", "auditor");

    assertThat(UserSpec.parse("carol:pa:ss:auditor").password()).isEqualTo("pa:ss");
  }

  @Test
  void userSpecErrorsSayWhatIsWrongWithoutEchoingThePassword() {
    assertThatThrownBy(() -> UserSpec.parse("alice:secret"))
        .hasMessageContaining("is not NAME:PASSWORD:ROLE[,ROLE]")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> UserSpec.parse("alice"))
        .hasMessageContaining("is not NAME:PASSWORD:ROLE[,ROLE]");
    assertThatThrownBy(() -> UserSpec.parse("alice:pw:"))
        .hasMessageContaining("user alice has no role");
    assertThatThrownBy(() -> UserSpec.parse("alice::engineer"))
        .hasMessageContaining("user alice has no password");
    assertThatThrownBy(() -> UserSpec.parse(":pw:engineer"))
        .hasMessageContaining("user name '' is not valid");
    assertThatThrownBy(() -> UserSpec.parse("alice:pw:Eng Lead"))
        .hasMessageContaining("role 'Eng Lead' is not valid");
  }

  @Test
  void durations() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThatThrownBy(() -> Durations.parse("30")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("not a duration");
  }

  @Test
  void sizes() {
    assertThat(DataSizes.parse("1024")).isEqualTo(1024);
    assertThat(DataSizes.parse("64kB")).isEqualTo(64 * 1024);
    assertThat(DataSizes.parse("256MB")).isEqualTo(256L * 1024 * 1024);
    assertThat(DataSizes.parse("1GiB")).isEqualTo(1024L * 1024 * 1024);
    assertThat(DataSizes.format(256L * 1024 * 1024)).isEqualTo("256MB");
    assertThatThrownBy(() -> DataSizes.parse("big")).hasMessageContaining("not a size");
    assertThatThrownBy(() -> DataSizes.parse("99999999999GB")).hasMessageContaining("not a size");
  }

  @Test
  void modes() {
    assertThat(PolicyMode.parse("Observe")).isEqualTo(PolicyMode.OBSERVE);
    assertThat(AuthModes.parse("GATEWAY"))
        .isEqualTo(dev.drawbridge.proxy.ProxyConfig.AuthMode.GATEWAY);
    assertThatThrownBy(() -> PolicyMode.parse("strict")).hasMessageContaining("enforce or observe");
  }

  @Test
  void environmentSubstitution() {
    EnvSubstitution env = new EnvSubstitution(Map.of("A", "1", "EMPTY", "")::get);
    assertThat(env.apply("x${A}y")).isEqualTo("x1y");
    assertThat(env.apply("${B:-dflt}")).isEqualTo("dflt");
    assertThat(env.apply("${EMPTY:-dflt}")).isEqualTo("dflt");
    assertThat(env.apply("${EMPTY}")).isEmpty();
    assertThat(env.apply("$${A}")).isEqualTo("${A}");
    assertThat(env.apply("SCRAM-SHA-256$4096:abc$def")).isEqualTo("SCRAM-SHA-256$4096:abc$def");
    assertThatThrownBy(() -> env.apply("${B}")).hasMessageContaining("B is not set");
    assertThatThrownBy(() -> env.apply("${A")).hasMessageContaining("not closed");
  }
}

package dev.drawbridge.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import dev.drawbridge.proxy.auth.ScramVerifiers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigFactoryTest {

  /** The proxy's verifier builder with a fixed salt, so that results can be compared. */
  private static final PasswordVerifiers TEST_VERIFIERS =
      p -> ScramVerifiers.create(p, "fixed-test-salt!".getBytes(StandardCharsets.US_ASCII), 4096);

  private final GatewayConfigFactory factory = new GatewayConfigFactory(TEST_VERIFIERS);

  private static ConfigSettings.Builder minimal() {
    return ConfigSettings.builder().upstream(UpstreamUrl.parse("postgresql://db.internal/app"));
  }

  private static List<String> problems(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void defaultsApplyWhenNothingElseIsSet() {
    GatewayConfig c = factory.create(minimal().build());

    ProxyConfig p = c.proxy();
    assertThat(p.listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 6432));
    assertThat(p.authMode()).isEqualTo(AuthMode.PASSTHROUGH);
    assertThat(p.upstream().host()).isEqualTo("db.internal");
    assertThat(p.upstream().port()).isEqualTo(5432);
    assertThat(p.tls()).isEmpty();
    assertThat(c.mode()).isEqualTo(PolicyMode.ENFORCE);
    assertThat(c.admin()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void ourDefaultsAreTheProxysDefaults() {
    ProxyConfig proxyDefaults =
        ProxyConfig.builder()
            .upstream(
                new ProxyConfig.Upstream(
                    "h", 5432, "db", Optional.empty(), Optional.<String>empty()))
            .build();
    ProxyConfig ours = factory.create(minimal().build()).proxy();

    assertThat(ours.listen()).isEqualTo(proxyDefaults.listen());
    assertThat(ours.maxMessageSize()).isEqualTo(proxyDefaults.maxMessageSize());
    assertThat(ours.maxClientConnections()).isEqualTo(proxyDefaults.maxClientConnections());
    assertThat(ours.authTimeout()).isEqualTo(proxyDefaults.authTimeout());
    assertThat(ours.idleTimeout()).isEqualTo(proxyDefaults.idleTimeout());
    assertThat(ours.upstreamConnectTimeout()).isEqualTo(proxyDefaults.upstreamConnectTimeout());
    assertThat(ours.shutdownGrace()).isEqualTo(proxyDefaults.shutdownGrace());
    assertThat(ours.eventLoopThreads()).isEqualTo(proxyDefaults.eventLoopThreads());
  }

  @Test
  void theExampleFileMakesAValidConfig() {
    ConfigSettings file =
        new ConfigFileLoader(Map.<String, String>of()::get)
            .load(Path.of("..", "deploy", "examples", "drawbridge.yaml"));
    GatewayConfig c = factory.create(file);

    assertThat(c.proxy().authMode()).isEqualTo(AuthMode.GATEWAY);
    assertThat(c.proxy().users())
        .extracting(ProxyConfig.LocalUser::name)
        .containsExactly("alice", "bob", "carol");
    assertThat(c.proxy().users().get(0).scramVerifier()).startsWith("SCRAM-SHA-256$4096:yH5T");
    assertThat(c.proxy().users().get(1).scramVerifier())
        .isEqualTo(TEST_VERIFIERS.fromPlaintext("bob-example-password"));
    assertThat(c.admin()).contains(new HostPort("127.0.0.1", 8432));
  }

  @Test
  void flagsOverrideTheFile() {
    ConfigSettings file =
        minimal()
            .listen(HostPort.parse("127.0.0.1:6432"))
            .auth(AuthMode.GATEWAY)
            .upstream(UpstreamUrl.parse("postgresql://gw:filepw@db:5432/app"))
            .maxClientConnections(10)
            .users(List.of(UserSpec.parse("alice:a:engineer"), UserSpec.parse("bob:b:approver")))
            .build();
    ConfigSettings flags =
        ConfigSettings.builder()
            .listen(HostPort.parse(":7000"))
            .upstreamPassword("flagpw")
            .users(List.of(UserSpec.parse("alice:longer-password:engineer,auditor")))
            .build();

    GatewayConfig c = factory.create(file.overriddenBy(flags));

    assertThat(c.proxy().listen().getPort()).isEqualTo(7000);
    assertThat(c.proxy().authMode()).isEqualTo(AuthMode.GATEWAY);
    assertThat(c.proxy().maxClientConnections()).isEqualTo(10);
    assertThat(c.proxy().upstream().password()).contains("flagpw");
    assertThat(c.proxy().users())
        .extracting(ProxyConfig.LocalUser::name)
        .containsExactly("alice", "bob");
    assertThat(c.proxy().users().get(0).roles()).containsExactlyInAnyOrder("engineer", "auditor");
    assertThat(c.proxy().users().get(0).scramVerifier())
        .isEqualTo(TEST_VERIFIERS.fromPlaintext("longer-password"));
  }

  @Test
  void missingUpstreamSaysHowToGiveIt() {
    assertThat(problems(() -> factory.create(ConfigSettings.empty())))
        .singleElement()
        .asString()
        .contains("No upstream PostgreSQL is configured")
        .contains("--upstream postgresql://")
        .contains("'upstream.url'");
  }

  @Test
  void gatewayModeNeedsUsersAndAnUpstreamLogin() {
    List<String> problems =
        problems(() -> factory.create(minimal().auth(AuthMode.GATEWAY).build()));

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("needs a user: postgresql://USER:PASSWORD@db.internal");
    assertThat(problems.get(1)).contains("needs at least one user").contains("--user");
  }

  @Test
  void usersInPassthroughModeAreAWarning() {
    GatewayConfig c =
        factory.create(minimal().users(List.of(UserSpec.parse("a:b:engineer"))).build());
    assertThat(c.proxy().users()).isEmpty();
    assertThat(c.warnings()).singleElement().asString().contains("ignored in passthrough");
  }

  @Test
  void plaintextPasswordsFailClearlyWhenNoConverterIsAvailable() {
    GatewayConfigFactory noConverter =
        new GatewayConfigFactory(
            p -> {
              throw new UnsupportedOperationException("this build cannot convert passwords.");
            });
    ConfigSettings s =
        minimal()
            .upstream(UpstreamUrl.parse("postgresql://gw@db/app"))
            .auth(AuthMode.GATEWAY)
            .users(List.of(UserSpec.parse("alice:plain:engineer")))
            .build();

    assertThat(problems(() -> noConverter.create(s)))
        .singleElement()
        .asString()
        .contains("User alice has a plaintext password")
        .contains("SCRAM-SHA-256 verifier");
  }

  @Test
  void tlsNeedsBothFilesAndTheyMustExist(@TempDir Path dir) throws Exception {
    assertThat(problems(() -> factory.create(minimal().tlsCert(dir.resolve("c.pem")).build())))
        .singleElement()
        .asString()
        .contains("--tls-cert and --tls-key");

    assertThat(
            problems(
                () ->
                    factory.create(
                        minimal()
                            .tlsCert(dir.resolve("c.pem"))
                            .tlsKey(dir.resolve("k.pem"))
                            .build())))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("does not exist"));

    Files.writeString(dir.resolve("c.pem"), "not a certificate");
    Files.writeString(
        dir.resolve("k.pem"),
        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThat(
            problems(
                () ->
                    factory.create(
                        minimal()
                            .tlsCert(dir.resolve("c.pem"))
                            .tlsKey(dir.resolve("k.pem"))
                            .build())))
        .satisfiesExactly(
            p -> assertThat(p).contains("holds no PEM certificate"),
            p -> assertThat(p).contains("traditional (PKCS#1/SEC1)").contains("openssl pkcs8"));

    var generated =
        dev.drawbridge.gateway.demo.SelfSignedCertificate.generate(
            dir, java.time.Clock.systemUTC());
    GatewayConfig c =
        factory.create(
            minimal().tlsCert(generated.certificate()).tlsKey(generated.privateKey()).build());
    assertThat(c.proxy().tls()).isPresent();
  }

  @Test
  void limitsAreRangeChecked() {
    List<String> problems =
        problems(
            () ->
                factory.create(
                    minimal()
                        .maxMessageSize(100L)
                        .maxClientConnections(0)
                        .authTimeout(Duration.ZERO)
                        .eventLoopThreads(-1)
                        .build()));
    assertThat(problems)
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("max-message-size"))
        .anySatisfy(p -> assertThat(p).startsWith("max-client-connections"))
        .anySatisfy(p -> assertThat(p).startsWith("auth-timeout"))
        .anySatisfy(p -> assertThat(p).startsWith("event-loop-threads"));
  }

  @Test
  void adminAndProxyCannotShareAPort() {
    assertThat(
            problems(
                () ->
                    factory.create(
                        minimal()
                            .listen(HostPort.parse("127.0.0.1:6432"))
                            .admin(HostPort.parse(":6432"))
                            .build())))
        .singleElement()
        .asString()
        .contains("cannot share a port");
  }

  @Test
  void malformedVerifiersAreRejectedWithTheUsersName() {
    ConfigSettings s =
        minimal()
            .upstream(UpstreamUrl.parse("postgresql://gw@db/app"))
            .auth(AuthMode.GATEWAY)
            .users(List.of(UserSpec.parse("alice:SCRAM-SHA-256$4096:bm9wZQ==$x:y:engineer")))
            .build();
    assertThat(problems(() -> factory.create(s)))
        .singleElement()
        .asString()
        .startsWith("User alice: the password looks like a SCRAM-SHA-256 verifier but cannot be");
  }

  @Test
  void duplicateAndMd5UsersAreRejected() {
    ConfigSettings s =
        minimal()
            .upstream(UpstreamUrl.parse("postgresql://gw@db/app"))
            .auth(AuthMode.GATEWAY)
            .users(
                List.of(
                    UserSpec.parse("a:x:engineer"),
                    UserSpec.parse("a:y:engineer"),
                    UserSpec.parse("b:md5" + "0".repeat(32) + ":engineer")))
            .build();
    assertThatThrownBy(() -> factory.create(s))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("User a is defined twice")
        .hasMessageContaining("User b has an MD5 password hash");
  }

  private static ConfigSettings.Builder gatewayWithOidc(ConfigSettings.OidcSettings oidc) {
    return ConfigSettings.builder()
        .upstream(UpstreamUrl.parse("postgresql://gw@db.internal/app"))
        .auth(AuthMode.GATEWAY)
        .oidc(oidc);
  }

  @Test
  void oidcAloneIsEnoughForGatewayModeAndGetsDefaults() {
    GatewayConfig c =
        factory.create(
            gatewayWithOidc(
                    new ConfigSettings.OidcSettings(
                        "https://kc.example.com/realms/drawbridge", null, null, null, null, null))
                .build());
    assertThat(c.proxy().users()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    OidcConfig o = c.oidc().orElseThrow();
    assertThat(o.issuer()).hasToString("https://kc.example.com/realms/drawbridge");
    assertThat(o.jwksUrl()).isEmpty();
    assertThat(o.discoveryUrl())
        .hasToString("https://kc.example.com/realms/drawbridge/.well-known/openid-configuration");
    assertThat(o.audience()).isEqualTo("drawbridge");
    assertThat(o.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.requireTls()).isTrue();
    assertThat(o.jwksRefresh()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void oidcProblemsAreAllReported() {
    List<String> problems =
        problems(
            () ->
                factory.create(
                    gatewayWithOidc(
                            new ConfigSettings.OidcSettings(
                                null,
                                "ftp://keys",
                                "",
                                Duration.ofMinutes(10),
                                null,
                                Duration.ofSeconds(1)))
                        .build()));
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("oidc.issuer is required"))
        .anySatisfy(p -> assertThat(p).contains("oidc.jwks-url must be an http(s) URL"))
        .anySatisfy(p -> assertThat(p).contains("oidc.audience must not be empty"))
        .anySatisfy(p -> assertThat(p).contains("oidc.clock-skew must be between 0 and 5m"))
        .anySatisfy(p -> assertThat(p).contains("oidc.jwks-refresh must be at least 10s"));
  }

  @Test
  void oidcWithoutTlsOrOverPlainHttpIsAWarning() {
    GatewayConfig c =
        factory.create(
            gatewayWithOidc(
                    new ConfigSettings.OidcSettings(
                        "http://kc.example.com/realms/drawbridge", null, null, null, false, null))
                .build());
    assertThat(c.oidc()).isPresent();
    assertThat(c.warnings())
        .anySatisfy(w -> assertThat(w).contains("oidc.require-tls is false"))
        .anySatisfy(w -> assertThat(w).contains("plain http on a non-loopback host"));
  }

  @Test
  void oidcInPassthroughModeIsIgnoredWithAWarning() {
    GatewayConfig c =
        factory.create(
            minimal()
                .oidc(
                    new ConfigSettings.OidcSettings(
                        "https://kc.example.com/realms/x", null, null, null, null, null))
                .build());
    assertThat(c.oidc()).isEmpty();
    assertThat(c.warnings()).singleElement().asString().contains("'oidc' section is ignored");
  }
}

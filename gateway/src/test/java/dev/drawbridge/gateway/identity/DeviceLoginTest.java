package dev.drawbridge.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceLoginTest {

  private final FakeDeviceEndpoints issuer = new FakeDeviceEndpoints();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final DeviceLogin login =
      new DeviceLogin(
          HttpClient.newHttpClient(),
          clock,
          d -> {
            sleeps.add(d);
            clock.advance(d);
          });

  @AfterEach
  void stop() {
    issuer.close();
  }

  @Test
  void pollsAtTheServersIntervalSlowsDownWhenToldAndReturnsTheToken() throws Exception {
    issuer
        .thenError("authorization_pending")
        .thenError("slow_down")
        .thenError("authorization_pending")
        .thenToken(200, "{\"access_token\":\"the-token\",\"expires_in\":300}");

    DeviceLogin.Pending pending = login.start(issuer.issuer(), "drawbridge-cli", Optional.empty());
    assertThat(pending.userStep())
        .isEqualTo(
            new DeviceLogin.UserStep(
                URI.create("https://login.example/device"),
                Optional.of(URI.create("https://login.example/device?user_code=ABCD-EFGH")),
                "ABCD-EFGH",
                Duration.ofMinutes(10)));
    DeviceLogin.Tokens tokens = pending.awaitTokens();

    assertThat(tokens.accessToken()).isEqualTo("the-token");
    assertThat(sleeps)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(6),
            Duration.ofSeconds(6));
    assertThat(tokens.expiresAt()).contains(Instant.parse("2026-11-25T12:05:14Z"));
    assertThat(issuer.tokenRequests())
        .hasSize(4)
        .allSatisfy(
            r ->
                assertThat(r)
                    .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")
                    .contains("device_code=dev-123")
                    .contains("client_id=drawbridge-cli"));
  }

  @Test
  void aDenialEndsTheLogin() throws Exception {
    issuer.thenError("authorization_pending").thenError("access_denied");
    DeviceLogin.Pending pending = login.start(issuer.issuer(), "drawbridge-cli", Optional.empty());
    assertThatThrownBy(pending::awaitTokens)
        .isInstanceOf(DeviceLogin.LoginFailed.class)
        .hasMessage("sign-in was denied");
  }

  @Test
  void anExpiredCodeEndsTheLogin() throws Exception {
    issuer.thenError("expired_token");
    DeviceLogin.Pending pending = login.start(issuer.issuer(), "drawbridge-cli", Optional.empty());
    assertThatThrownBy(pending::awaitTokens)
        .isInstanceOf(DeviceLogin.LoginFailed.class)
        .hasMessageContaining("the code expired");
  }

  @Test
  void stopsPollingAtTheCodesExpiryEvenIfTheServerKeepsSayingPending() throws Exception {
    issuer.deviceAnswer(
        200,
        "{\"device_code\":\"d\",\"user_code\":\"U\",\"verification_uri\":\"https://x/device\","
            + "\"expires_in\":3,\"interval\":1}");
    for (int i = 0; i < 10; i++) {
      issuer.thenError("authorization_pending");
    }
    DeviceLogin.Pending pending = login.start(issuer.issuer(), "drawbridge-cli", Optional.empty());
    assertThatThrownBy(pending::awaitTokens).hasMessageContaining("the code expired");
    assertThat(issuer.tokenRequests()).hasSize(3);
  }

  @Test
  void aClientWithoutTheDeviceGrantGetsAHint() {
    issuer.deviceAnswer(
        401,
        "{\"error\":\"unauthorized_client\",\"error_description\":\"Client is not allowed to"
            + " initiate OAuth 2.0 Device Authorization Grant\"}");
    assertThatThrownBy(() -> login.start(issuer.issuer(), "web-app", Optional.empty()))
        .isInstanceOf(DeviceLogin.LoginFailed.class)
        .hasMessageContaining("the client 'web-app' may not use the device flow")
        .hasMessageContaining("enable 'OAuth 2.0 Device Authorization Grant'");
  }

  @Test
  void anIssuerWithoutTheDeviceEndpointIsNamed() {
    issuer.withoutDeviceFlow();
    assertThatThrownBy(() -> login.start(issuer.issuer(), "drawbridge-cli", Optional.empty()))
        .hasMessageContaining("does not offer the device authorization grant");
  }

  @Test
  void anUnreachableIssuerSaysSo() {
    assertThatThrownBy(
            () ->
                login.start(
                    URI.create("http://127.0.0.1:1/realms/none"),
                    "drawbridge-cli",
                    Optional.empty()))
        .isInstanceOf(DeviceLogin.LoginFailed.class)
        .hasMessageStartingWith("cannot reach http://127.0.0.1:1/realms/none/.well-known");
  }

  @Test
  void anUnexpectedErrorIsReportedWithItsDescription() throws Exception {
    issuer.thenToken(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}");
    DeviceLogin.Pending pending = login.start(issuer.issuer(), "drawbridge-cli", Optional.empty());
    assertThatThrownBy(pending::awaitTokens)
        .hasMessage("the token endpoint answered HTTP 400: invalid_grant (Code not valid)");
  }
}

package dev.drawbridge.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.frontend.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class TokenTransportGuardTest {

  private static final TokenVerifier ANY = (user, token) -> new TokenVerifier.Accepted(Set.of());

  private static GatewayAuthenticators authenticators(boolean requireTls) {
    return new GatewayAuthenticators(
        new LocalUserAuthenticators(
            List.of(
                new ProxyConfig.LocalUser(
                    "dave", ScramVerifiers.create("pw"), Set.of("engineer")))),
        Optional.of(ANY),
        requireTls);
  }

  private static StartupMessage startup(String user) {
    return new StartupMessage(3, 0, Map.of("user", user, "database", "app"));
  }

  @Test
  void aTokenUserOnAPlainRemoteConnectionIsRefusedBeforeTheTokenIsAskedFor() {
    EmbeddedChannel ch = new EmbeddedChannel(new TokenTransportGuard(authenticators(true)));

    ch.writeInbound(startup("alice"));

    assertThat((Object) ch.readInbound()).as("the session never sees the startup").isNull();
    ByteBuf out = ch.readOutbound();
    try {
      assertThat(out.readByte()).isEqualTo(ErrorResponse.TYPE);
      int length = out.readInt();
      ErrorResponse error = ErrorResponse.decode(out.readSlice(length - 4));
      assertThat(error.fields().get('S')).isEqualTo("FATAL");
      assertThat(error.fields().get('C')).isEqualTo("28000");
      assertThat(error.fields().get('M'))
          .isEqualTo("token authentication for user \"alice\" requires an encrypted connection");
      assertThat(error.fields().get('D')).contains("sslmode=require");
      assertThat(out.isReadable()).isFalse();
    } finally {
      out.release();
    }
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void localUsersPassAndTheGuardStepsAside() {
    EmbeddedChannel ch = new EmbeddedChannel(new TokenTransportGuard(authenticators(true)));

    ch.writeInbound(startup("dave"));

    assertThat((Object) ch.readInbound()).isEqualTo(startup("dave"));
    assertThat((Object) ch.readOutbound()).isNull();
    assertThat(ch.pipeline().get(TokenTransportGuard.class)).isNull();
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void aTokenUserOverTlsPasses() throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine();
    engine.setUseClientMode(false);
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.pipeline().addLast(new SslHandler(engine), new TokenTransportGuard(authenticators(true)));

    ch.pipeline().fireChannelRead(startup("alice"));

    assertThat((Object) ch.readInbound()).isEqualTo(startup("alice"));
    assertThat(ch.pipeline().get(TokenTransportGuard.class)).isNull();
    ch.finishAndReleaseAll();
  }

  @Test
  void withoutRequireTlsTokenUsersPassOnPlainConnections() {
    EmbeddedChannel ch = new EmbeddedChannel(new TokenTransportGuard(authenticators(false)));

    ch.writeInbound(startup("alice"));

    assertThat((Object) ch.readInbound()).isEqualTo(startup("alice"));
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void localUsersGetScramAndEveryoneElseATokenPrompt() {
    GatewayAuthenticators a = authenticators(true);
    assertThat(a.forUser("dave")).get().isInstanceOf(ScramSha256Authenticator.class);
    assertThat(a.forUser("alice")).get().isInstanceOf(TokenAuthenticator.class);
    assertThat(a.requiresSecureTransport("dave")).isFalse();
    assertThat(a.requiresSecureTransport("alice")).isTrue();
    GatewayAuthenticators noTokens =
        new GatewayAuthenticators(new LocalUserAuthenticators(List.of()), Optional.empty(), true);
    assertThat(noTokens.forUser("alice")).isEmpty();
    assertThat(noTokens.requiresSecureTransport("alice")).isFalse();
  }
}

package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.frontend.StartupMessage;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of the session during startup. When the StartupMessage names a user whose password
 * is a bearer token ({@link ClientAuthenticatorFactory#requiresSecureTransport}), and the
 * connection is neither TLS nor from a loopback address, it answers FATAL 28000 and closes before
 * the client is asked for the token. After the StartupMessage it removes itself.
 */
public final class TokenTransportGuard extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(TokenTransportGuard.class);

  private final ClientAuthenticatorFactory authenticators;

  public TokenTransportGuard(ClientAuthenticatorFactory authenticators) {
    this.authenticators = Objects.requireNonNull(authenticators, "authenticators");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof StartupMessage startup)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String user = startup.user();
    if (user != null
        && authenticators.requiresSecureTransport(user)
        && ctx.pipeline().get(SslHandler.class) == null
        && !isLoopback(ctx)) {
      log.info(
          "refused token user \"{}\" from {}: connection is not encrypted",
          user,
          ctx.channel().remoteAddress());
      ctx.writeAndFlush(
              ErrorResponse.fatal(
                      SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                      "token authentication for user \""
                          + user
                          + "\" requires an encrypted connection",
                      "The token is sent as a password, so it is accepted over TLS only (plain"
                          + " connections only from this host). Connect with sslmode=require.")
                  .encode(ctx.alloc()))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(msg);
  }

  private static boolean isLoopback(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        && a.getAddress() != null
        && a.getAddress().isLoopbackAddress();
  }
}

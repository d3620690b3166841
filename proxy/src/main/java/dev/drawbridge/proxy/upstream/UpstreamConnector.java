package dev.drawbridge.proxy.upstream;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.codec.FrameDecoder;
import dev.drawbridge.proxy.codec.StartupDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.SocketAddress;

/**
 * Opens upstream connections on the client channel's own event loop, so that relaying between the
 * two never crosses threads.
 */
public final class UpstreamConnector {

  /**
   * Backend messages the session never inspects, so runs of them are relayed as one slice:
   * ParseComplete, BindComplete, CloseComplete, NotificationResponse, CopyDone, CommandComplete,
   * CopyData, DataRow, CopyOutResponse, EmptyQueryResponse, NoData, NoticeResponse,
   * PortalSuspended, ParameterDescription, RowDescription, FunctionCallResponse. Not among them:
   * ErrorResponse, ReadyForQuery, CopyInResponse, CopyBothResponse, ParameterStatus,
   * BackendKeyData, authentication requests, NegotiateProtocolVersion.
   */
  static final String RELAY_ONLY_BACKEND_TYPES = "123AcCdDHInNstTV";

  private final ProxyConfig config;
  private final Class<? extends SocketChannel> channelClass;

  public UpstreamConnector(ProxyConfig config, Class<? extends SocketChannel> channelClass) {
    this.config = config;
    this.channelClass = channelClass;
  }

  /**
   * Connects to the configured upstream; the channel's pipeline frames backend messages and hands
   * them to {@code handler}.
   */
  public ChannelFuture connect(EventLoop loop, ChannelHandler handler) {
    return bootstrap(loop)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(
            ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10))
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                // the upstream is trusted to frame correctly; big DataRow and CopyData are streamed
                ch.pipeline()
                    .addLast(
                        "frames",
                        new FrameDecoder(
                            Integer.MAX_VALUE - 1,
                            StartupDecoder.STREAM_THRESHOLD,
                            "Dd",
                            RELAY_ONLY_BACKEND_TYPES))
                    .addLast("upstream", handler);
              }
            })
        .connect(config.upstream().host(), config.upstream().port());
  }

  /** A bare connection for a CancelRequest, which gets no answer. */
  public ChannelFuture connectForCancel(EventLoop loop, SocketAddress address) {
    return bootstrap(loop)
        .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
        .connect(address);
  }

  private Bootstrap bootstrap(EventLoop loop) {
    return new Bootstrap()
        .group(loop)
        .channel(channelClass)
        .option(
            ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.upstreamConnectTimeout().toMillis());
  }
}

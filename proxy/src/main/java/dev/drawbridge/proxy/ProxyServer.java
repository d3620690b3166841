package dev.drawbridge.proxy;

import dev.drawbridge.proxy.auth.ClientAuthenticatorFactory;
import dev.drawbridge.proxy.auth.LocalUserAuthenticators;
import dev.drawbridge.proxy.codec.StartupDecoder;
import dev.drawbridge.proxy.gate.StatementGate;
import dev.drawbridge.proxy.session.LiveSession;
import dev.drawbridge.proxy.session.SessionContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The PostgreSQL wire-protocol server: accepts clients, authenticates them, connects each to the
 * upstream and relays the session, asking the {@link StatementGate} about every statement.
 *
 * <p>Contract used by the gateway module: construct, {@link #start()}, and {@link #close()} for a
 * graceful shutdown that lets in-flight statements finish within the configured grace period.
 */
public final class ProxyServer implements AutoCloseable {

  private final ProxyConfig config;
  private final StatementGate gate;
  private final MeterRegistry meters;
  private final Clock clock;
  private final ProxyMetrics metrics;
  private final ClientAuthenticatorFactory authenticators;
  private EventLoopGroup group;
  private Channel serverChannel;
  private ChannelGroup clientChannels;
  private volatile SessionContext context;
  private boolean closed;

  public ProxyServer(ProxyConfig config, StatementGate gate, MeterRegistry meters, Clock clock) {
    this(config, gate, meters, clock, new LocalUserAuthenticators(config.users()));
  }

  /**
   * Like the four-argument constructor, with another way to authenticate clients in gateway mode
   * (for example tokens: {@link dev.drawbridge.proxy.auth.TokenAuthenticator}).
   */
  public ProxyServer(
      ProxyConfig config,
      StatementGate gate,
      MeterRegistry meters,
      Clock clock,
      ClientAuthenticatorFactory authenticators) {
    this.config = Objects.requireNonNull(config, "config");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.authenticators = Objects.requireNonNull(authenticators, "authenticators");
    this.metrics = new ProxyMetrics(meters);
  }

  /**
   * Binds the listen address and starts serving.
   *
   * @return the bound address (useful when the configured port was 0)
   * @throws IllegalStateException when already started, or when the TLS files cannot be read
   */
  public synchronized InetSocketAddress start() {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    Optional<SslContext> ssl = config.tls().map(ProxyServer::sslContext);
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> serverClass =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    Class<? extends SocketChannel> socketClass =
        epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    int threads =
        config.eventLoopThreads() > 0
            ? config.eventLoopThreads()
            : Runtime.getRuntime().availableProcessors();
    group = new MultiThreadIoEventLoopGroup(threads, io);
    clientChannels = new DefaultChannelGroup("drawbridge-clients", GlobalEventExecutor.INSTANCE);
    context = new SessionContext(config, gate, metrics, clock, ssl, authenticators, socketClass);
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(serverClass)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    clientChannels.add(ch);
                    ch.pipeline()
                        .addLast("startup", new StartupDecoder(config.maxMessageSize()))
                        .addLast("session", context.newSession());
                  }
                });
    try {
      serverChannel = b.bind(config.listen()).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      group = null;
      throw e;
    }
    return (InetSocketAddress) serverChannel.localAddress();
  }

  private static SslContext sslContext(ProxyConfig.Tls tls) {
    try {
      return SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot load the TLS certificate or key: " + e, e);
    }
  }

  /** Client sessions currently open (counted from the StartupMessage until the close). */
  public int activeSessions() {
    return metrics.activeSessions();
  }

  /**
   * The sessions open now (those whose event loop answers within two seconds).
   *
   * @return sorted by session number; empty before {@link #start()}
   */
  public List<LiveSession> sessions() {
    SessionContext c = context;
    return c == null ? List.of() : c.sessions(Duration.ofSeconds(2));
  }

  /**
   * Ends a session with FATAL 57P01 ("terminating connection due to administrator command").
   *
   * @param sessionId the session's number, as {@link #sessions()} lists it
   * @param reason the error's detail, for the client
   * @return false when no such session is open
   */
  public boolean terminate(long sessionId, String reason) {
    SessionContext c = context;
    return c != null && c.terminate(sessionId, reason);
  }

  /** The proxy's metrics (names in {@link ProxyMetrics}). */
  public ProxyMetrics metrics() {
    return metrics;
  }

  /** Stops accepting, lets in-flight statements finish within the grace period, then closes. */
  @Override
  public synchronized void close() {
    if (group == null || closed) {
      return;
    }
    closed = true;
    serverChannel.close().syncUninterruptibly();
    context.drain();
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    while (context.liveSessions() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    clientChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  ProxyConfig config() {
    return config;
  }

  StatementGate gate() {
    return gate;
  }

  MeterRegistry meters() {
    return meters;
  }

  Clock clock() {
    return clock;
  }
}

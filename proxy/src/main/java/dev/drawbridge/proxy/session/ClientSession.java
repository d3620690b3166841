package dev.drawbridge.proxy.session;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.ProxyMetrics.Rejection;
import dev.drawbridge.proxy.auth.ClientAuthenticator;
import dev.drawbridge.proxy.auth.ScramException;
import dev.drawbridge.proxy.codec.Frame;
import dev.drawbridge.proxy.codec.FrameChunk;
import dev.drawbridge.proxy.codec.FrameDecoder;
import dev.drawbridge.proxy.codec.ProtocolViolationException;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionControl;
import dev.drawbridge.proxy.gate.SessionGate;
import dev.drawbridge.proxy.gate.UpstreamCredential;
import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.backend.BackendKeyData;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.backend.NegotiateProtocolVersion;
import dev.drawbridge.proxy.protocol.backend.ParameterStatus;
import dev.drawbridge.proxy.protocol.backend.ReadyForQuery;
import dev.drawbridge.proxy.protocol.frontend.CancelRequest;
import dev.drawbridge.proxy.protocol.frontend.GSSENCRequest;
import dev.drawbridge.proxy.protocol.frontend.PasswordMessage;
import dev.drawbridge.proxy.protocol.frontend.SSLRequest;
import dev.drawbridge.proxy.protocol.frontend.StartupMessage;
import dev.drawbridge.proxy.protocol.frontend.Terminate;
import dev.drawbridge.proxy.upstream.UpstreamLogin;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, from the first startup packet to the close. Runs entirely on the client
 * channel's event loop; the upstream channel is registered on the same loop, so no state here is
 * shared between threads.
 *
 * <p>Phases: STARTUP (SSL/GSS negotiation, cancel, StartupMessage), AUTH_CLIENT (gateway mode: the
 * gateway authenticates the client), UPSTREAM_LOGIN (connecting and logging in upstream; in
 * passthrough mode the password exchange is relayed), RELAY (after the first ReadyForQuery).
 *
 * <p>Gate denials are sequenced through the upstream: in place of a denied Query or Parse the
 * session forwards a "poison" statement that fails with a syntax error naming a unique marker. The
 * upstream's error for it is replaced by the gate's error, so responses stay in order and a denied
 * statement aborts the transaction exactly as a failing one would.
 */
public final class ClientSession extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

  /** How long the last writes to a closing client may take before the socket is closed anyway. */
  private static final long CLOSE_FLUSH_TIMEOUT_SECONDS = 10;

  /**
   * Frontend messages the relay never inspects, merged into runs when it can take them: Bind,
   * Execute, Describe, Close, Flush and Sync (whose count it takes from the run).
   */
  private static final String RELAY_ONLY_FRONTEND_TYPES = "BEDCHS";

  /** Frames a client may send between gateway authentication and the upstream being ready. */
  private static final int MAX_HELD_FRAMES = 256;

  private enum Phase {
    STARTUP,
    AUTH_CLIENT,
    UPSTREAM_LOGIN,
    RELAY,
    CLOSED
  }

  private final SessionContext context;
  private final ProxyConfig config;
  private Phase phase = Phase.STARTUP;
  private Channel client;
  private Channel upstream;
  private StatementRelay relay;
  private GateSession gateSession;
  private volatile long sessionId;
  private Instant startedAt;
  private SessionGate sessionGate;
  private boolean counted;
  private boolean gatewayAuth;
  private String user = "";
  private Set<String> roles = Set.of();
  private Map<String, String> upstreamParameters;
  private ClientAuthenticator authenticator;
  private UpstreamLogin upstreamLogin;
  private int gatewayProcessId;
  private final List<Frame> held = new ArrayList<>();

  // moving to another upstream login (gateway auth mode): see LoginSwitch
  private Map<String, String> clientParameters;
  private UpstreamCredential currentLogin;
  private UpstreamCredential wantedLogin;
  private CompletableFuture<Void> wantedLoginDone;
  private LoginSwitch loginSwitch;
  private final ArrayDeque<ByteBufHolder> heldDuringSwitch = new ArrayDeque<>();
  private final Map<String, String> reported = new HashMap<>();
  private ScheduledFuture<?> authTimer;
  private ScheduledFuture<?> idleTimer;
  private long idleSince; // System.nanoTime() when the session went idle, 0 while busy

  // relay state
  private boolean drainRequested;
  private boolean heldForDecision;
  private boolean terminateSent;
  private boolean upstreamNeedsFlush;
  private boolean clientNeedsFlush;
  private long bytesIn;
  private long bytesOut;

  ClientSession(SessionContext context) {
    this.context = context;
    this.config = context.config();
  }

  // ---------------------------------------------------------------- client channel events

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    client = ctx.channel();
    startedAt = context.clock().instant();
    context.add(this);
    authTimer =
        client
            .eventLoop()
            .schedule(this::authTimedOut, config.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (phase == Phase.CLOSED) {
      ReferenceCountUtil.release(msg);
      return;
    }
    switch (msg) {
      case Frame f -> fromClient(f);
      case FrameChunk c -> {
        if (phase != Phase.RELAY) {
          c.release();
          fatal(SqlState.PROTOCOL_VIOLATION, "unexpected message type " + c.type());
          return;
        }
        // a run of relay-only messages, or a piece of a large CopyData
        bytesIn += c.size();
        idleSince = 0;
        if (loginSwitch != null) {
          holdDuringSwitch(c);
          return;
        }
        relay.fromClient(c);
      }
      case SSLRequest r -> onSslRequest();
      case GSSENCRequest r -> client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
      case CancelRequest r -> onCancelRequest(r);
      case StartupMessage m -> onStartup(m);
      default -> {
        ReferenceCountUtil.release(msg);
        fatal(SqlState.PROTOCOL_VIOLATION, "unexpected message");
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (upstreamNeedsFlush && upstream != null) {
      upstreamNeedsFlush = false;
      upstream.flush();
    }
    if (clientNeedsFlush) {
      clientNeedsFlush = false;
      client.flush();
    }
    if (bytesIn > 0) {
      context.metrics().bytesIn(bytesIn);
      bytesIn = 0;
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // the client reads slowly: stop reading the upstream until the client has caught up
    if (upstream != null) {
      upstream.config().setAutoRead(client.isWritable());
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeSession();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ProtocolViolationException violation = findViolation(cause);
    if (violation != null) {
      context.metrics().rejected(Rejection.PROTOCOL);
      fatal(violation.sqlState(), violation.getMessage());
      return;
    }
    if (!(cause instanceof IOException)) {
      log.debug("client connection failed: {}", cause.toString());
    }
    closeSession();
  }

  private static ProtocolViolationException findViolation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ProtocolViolationException p) {
        return p;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- startup

  private void onSslRequest() {
    if (context.sslContext().isEmpty()) {
      client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
      return;
    }
    // 'S' goes out in plaintext; everything after it through TLS. The startup decoder already
    // refused any byte that arrived with the SSLRequest, so nothing unencrypted is buffered.
    client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
    client.pipeline().addFirst("tls", context.sslContext().get().newHandler(client.alloc()));
  }

  private void onCancelRequest(CancelRequest request) {
    context
        .cancelRegistry()
        .lookup(request.processId(), request.secretKey())
        .ifPresent(
            target ->
                context
                    .connector()
                    .connectForCancel(client.eventLoop(), target.upstream())
                    .addListener(
                        (ChannelFutureListener)
                            f -> {
                              if (f.isSuccess()) {
                                f.channel()
                                    .writeAndFlush(
                                        new CancelRequest(target.processId(), target.secretKey())
                                            .encode(f.channel().alloc()))
                                    .addListener(ChannelFutureListener.CLOSE);
                              }
                            }));
    // PostgreSQL never answers a cancel request; it just closes
    closeSession();
  }

  private void onStartup(StartupMessage m) {
    if (m.majorVersion() != 3) {
      context.metrics().rejected(Rejection.PROTOCOL);
      fatal(
          SqlState.FEATURE_NOT_SUPPORTED,
          "unsupported frontend protocol "
              + m.majorVersion()
              + "."
              + m.minorVersion()
              + ": server supports 3.0 to 3.0");
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    List<String> unrecognized = new ArrayList<>();
    for (Map.Entry<String, String> e : m.parameters().entrySet()) {
      if (e.getKey().startsWith("_pq_.")) {
        unrecognized.add(e.getKey());
      } else {
        params.put(e.getKey(), e.getValue());
      }
    }
    if (m.minorVersion() > 0 || !unrecognized.isEmpty()) {
      client.write(new NegotiateProtocolVersion(0, unrecognized).encode(client.alloc()));
    }
    user = params.getOrDefault("user", "");
    if (user.isEmpty()) {
      context.metrics().rejected(Rejection.PROTOCOL);
      fatal(
          SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet");
      return;
    }
    if (context.draining()) {
      context.metrics().rejected(Rejection.SHUTTING_DOWN);
      fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
      return;
    }
    if (!context.metrics().tryOpenSession(config.maxClientConnections())) {
      context.metrics().rejected(Rejection.TOO_MANY_CONNECTIONS);
      fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
      return;
    }
    counted = true;
    String database = params.getOrDefault("database", "");
    if (database.isEmpty()) {
      params.put("database", config.upstream().database());
    }
    upstreamParameters = params;
    if (config.authMode() == ProxyConfig.AuthMode.GATEWAY) {
      gatewayAuth = true;
      var found = context.authenticators().forUser(user);
      if (found.isEmpty()) {
        context.metrics().rejected(Rejection.AUTHENTICATION);
        fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist");
        return;
      }
      authenticator = found.get();
      upstreamParameters.put("user", config.upstream().user().orElseThrow());
      upstreamLogin =
          new UpstreamLogin(
              config.upstream().user().orElseThrow(),
              config.upstream().password(),
              context.random());
      phase = Phase.AUTH_CLIENT;
      client.writeAndFlush(authenticator.start().encode(client.alloc()));
    } else {
      phase = Phase.UPSTREAM_LOGIN;
      connectUpstream();
    }
  }

  // ---------------------------------------------------------------- authentication

  private void authenticateClient(Frame f) {
    try {
      if (f.type() == Terminate.TYPE) {
        closeSession(); // a client without a password gives up this way
        return;
      }
      if (f.type() != PasswordMessage.TYPE) {
        fatal(
            SqlState.PROTOCOL_VIOLATION,
            "expected password response, got message type " + f.type());
        return;
      }
      ClientAuthenticator.Step step;
      try {
        step = authenticator.next(f.body());
      } catch (ProtocolViolationException e) {
        throw e;
      } catch (RuntimeException e) {
        // an authenticator (a token verifier, say) that fails must not let the client in
        log.warn("client authentication failed with an exception", e);
        step =
            new ClientAuthenticator.Failed(
                ErrorResponse.fatal(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "authentication failed for user \"" + user + "\""));
      }
      onAuthenticationStep(step);
    } finally {
      f.release();
    }
  }

  private void onAuthenticationStep(ClientAuthenticator.Step step) {
    if (phase != Phase.AUTH_CLIENT) {
      return;
    }
    {
      switch (step) {
        case ClientAuthenticator.Pending pending -> {
          client.config().setAutoRead(false);
          pending
              .step()
              .whenComplete(
                  (next, failure) ->
                      client
                          .eventLoop()
                          .execute(
                              () -> {
                                if (phase != Phase.AUTH_CLIENT) {
                                  return;
                                }
                                client.config().setAutoRead(true);
                                onAuthenticationStep(
                                    failure == null && next != null
                                        ? next
                                        : new ClientAuthenticator.Failed(
                                            ErrorResponse.fatal(
                                                SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                                                "authentication failed for user \""
                                                    + user
                                                    + "\"")));
                              }));
        }
        case ClientAuthenticator.Challenge c ->
            client.writeAndFlush(c.request().encode(client.alloc()));
        case ClientAuthenticator.Authenticated a -> {
          roles = a.roles();
          a.finalMessage().ifPresent(m -> client.write(m.encode(client.alloc())));
          client.writeAndFlush(new Authentication.AuthenticationOk().encode(client.alloc()));
          phase = Phase.UPSTREAM_LOGIN;
          connectUpstream();
        }
        case ClientAuthenticator.Failed failed -> {
          context.metrics().rejected(Rejection.AUTHENTICATION);
          fatal(failed.error());
        }
      }
    }
  }

  /**
   * Opens the session's gate and lets it judge the startup packet's run-time settings (as SET
   * statements) before anything reaches the upstream; then connects.
   */
  private void connectUpstream() {
    sessionId = context.nextSessionId();
    gateSession =
        new GateSession(
            sessionId,
            user,
            roles,
            upstreamParameters.getOrDefault("database", ""),
            upstreamParameters.getOrDefault("application_name", ""),
            String.valueOf(client.remoteAddress()));
    List<StartupSettings.Setting> settings;
    try {
      sessionGate = context.gate().open(gateSession, new Control());
      settings = StartupSettings.of(upstreamParameters);
    } catch (StartupSettings.UnsupportedOptionException e) {
      context.metrics().rejected(Rejection.PROTOCOL);
      fatal(SqlState.FEATURE_NOT_SUPPORTED, e.getMessage());
      return;
    } catch (RuntimeException e) {
      log.warn("the statement gate failed to open a session", e);
      fatal(SqlState.INTERNAL_ERROR, "the gateway could not check this session");
      return;
    }
    checkSettings(settings, 0);
  }

  private void checkSettings(List<StartupSettings.Setting> settings, int next) {
    for (int i = next; i < settings.size(); i++) {
      GateStatement statement =
          new GateStatement(GateStatement.Protocol.STARTUP, "", settings.get(i).asSetStatement());
      GateDecision decision;
      try {
        decision = sessionGate.check(statement);
      } catch (RuntimeException e) {
        log.warn("statement gate failed on a startup setting; refusing the session", e);
        decision = null;
      }
      if (decision instanceof GateDecision.Deferred deferred) {
        int after = i + 1;
        deferred
            .decision()
            .whenComplete(
                (d, failure) ->
                    client
                        .eventLoop()
                        .execute(
                            () -> {
                              if (phase != Phase.CLOSED
                                  && !refusedUnlessAllowed(failure == null ? d : null)) {
                                checkSettings(settings, after);
                              }
                            }));
        return;
      }
      if (refusedUnlessAllowed(decision)) {
        return;
      }
    }
    try {
      clientParameters = new LinkedHashMap<>(upstreamParameters);
      Optional<UpstreamCredential> login =
          gatewayAuth ? sessionGate.upstreamLogin() : Optional.empty();
      Map<String, String> added =
          login.isPresent() ? login.get().parameters() : sessionGate.upstreamParameters();
      added.forEach(this::addUpstreamParameter);
      if (login.isPresent()) {
        currentLogin = login.get();
        upstreamParameters.put("user", currentLogin.user());
        upstreamLogin =
            new UpstreamLogin(currentLogin.user(), currentLogin.password(), context.random());
      } else if (gatewayAuth) {
        currentLogin =
            new UpstreamCredential(
                config.upstream().user().orElseThrow(), config.upstream().password(), added);
      }
    } catch (RuntimeException e) {
      log.warn("the statement gate failed to name the upstream parameters", e);
      fatal(SqlState.INTERNAL_ERROR, "the gateway could not check this session");
      return;
    }
    openUpstream();
  }

  private void addUpstreamParameter(String name, String value) {
    addParameter(upstreamParameters, name, value);
  }

  /**
   * Ends the session unless the gate allowed the startup setting (a denial, a rewrite, or no
   * decision at all refuse it).
   *
   * @return true when the session was refused
   */
  private boolean refusedUnlessAllowed(GateDecision decision) {
    if (decision instanceof GateDecision.Allow) {
      return false;
    }
    refuseSetting(decision instanceof GateDecision.Deny deny ? deny : null);
    return true;
  }

  /** A startup setting was denied (or could not be judged, or the gate wanted to rewrite it). */
  private void refuseSetting(GateDecision.Deny deny) {
    context.metrics().denied();
    if (deny == null) {
      fatal(SqlState.INTERNAL_ERROR, "the gateway could not check this session's settings");
    } else {
      fatal(ErrorResponse.fatal(deny.sqlState(), deny.message(), deny.detail(), deny.hint()));
    }
  }

  private void openUpstream() {
    long start = System.nanoTime();
    context
        .connector()
        .connect(client.eventLoop(), new UpstreamHandler())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    context.metrics().rejected(Rejection.UPSTREAM_UNAVAILABLE);
                    fatal(
                        ErrorResponse.fatal(
                            SqlState.CONNECTION_FAILURE,
                            "could not connect to the upstream server",
                            String.valueOf(f.cause() == null ? "" : f.cause().getMessage())));
                    return;
                  }
                  if (phase == Phase.CLOSED) {
                    f.channel().close();
                    return;
                  }
                  context.metrics().upstreamConnected(Duration.ofNanos(System.nanoTime() - start));
                  upstream = f.channel();
                  upstream.config().setAutoRead(client.isWritable());
                  upstream.writeAndFlush(
                      new StartupMessage(3, 0, upstreamParameters).encode(upstream.alloc()));
                });
  }

  /** Frames from the upstream while logging in. */
  private void upstreamLogin(Frame f) {
    switch (f.type()) {
      case Authentication.TYPE -> {
        Authentication request;
        try {
          request = Authentication.decode(f.body());
        } catch (RuntimeException e) {
          f.release();
          throw e;
        }
        if (gatewayAuth) {
          f.release();
          answerUpstreamAuthentication(request);
        } else {
          relayAuthenticationRequest(f, request);
        }
      }
      case BackendKeyData.TYPE -> {
        BackendKeyData real = BackendKeyData.decode(f.body());
        f.release();
        int[] key =
            context
                .cancelRegistry()
                .register(
                    new CancelRegistry.Target(
                        upstream.remoteAddress(), real.processId(), real.secretKey()));
        gatewayProcessId = key[0];
        toClient(new BackendKeyData(key[0], key[1]).encode(client.alloc()));
      }
      case ErrorResponse.TYPE -> {
        ErrorResponse error = ErrorResponse.decode(f.body());
        if (gatewayAuth && error.sqlState().startsWith("28")) {
          // the client authenticated fine; the gateway's own upstream credentials were refused
          f.release();
          log.warn("upstream refused the gateway's login: {}", error.message());
          context.metrics().rejected(Rejection.UPSTREAM_UNAVAILABLE);
          fatal(
              SqlState.CONNECTION_FAILURE,
              "the gateway could not log in upstream; ask its operator to check the credentials");
          return;
        }
        if (error.sqlState().startsWith("28")) {
          context.metrics().rejected(Rejection.AUTHENTICATION);
        }
        toClient(f.content());
        // the upstream closes after a login error; channelInactive of the upstream closes us
      }
      case NegotiateProtocolVersion.TYPE -> f.release(); // we asked for plain 3.0
      case ReadyForQuery.TYPE -> {
        toClient(f.content());
        startRelay();
      }
      case ParameterStatus.TYPE -> {
        ParameterStatus status = ParameterStatus.decode(f.body());
        reported.put(status.name(), status.value());
        if (status.name().equals("application_name") || status.name().equals("client_encoding")) {
          upstreamParameters.put(status.name(), status.value());
        }
        try {
          sessionGate.parameterStatus(status.name(), status.value());
        } catch (RuntimeException e) {
          log.warn("the statement gate failed on ParameterStatus {}", status.name(), e);
        }
        toClient(f.content());
      }
      default -> toClient(f.content()); // NoticeResponse
    }
  }

  private void relayAuthenticationRequest(Frame f, Authentication request) {
    switch (request) {
      case Authentication.AuthenticationSASL sasl -> {
        f.release();
        // channel binding cannot cross a TLS-terminating proxy: never offer -PLUS
        List<String> mechanisms =
            sasl.mechanisms().stream().filter(m -> !m.endsWith("-PLUS")).toList();
        if (mechanisms.isEmpty()) {
          fatal(
              SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
              "the upstream server offers only SASL mechanisms with channel binding,"
                  + " which cannot pass through the gateway");
          return;
        }
        toClient(new Authentication.AuthenticationSASL(mechanisms).encode(client.alloc()));
      }
      case Authentication.AuthenticationUnsupported u -> {
        f.release();
        fatal(
            SqlState.FEATURE_NOT_SUPPORTED,
            "authentication method " + u.code() + " is not supported by the gateway");
      }
      default -> toClient(f.content());
    }
  }

  private void answerUpstreamAuthentication(Authentication request) {
    try {
      upstreamLogin
          .answer(request, upstream.alloc())
          .ifPresent(answer -> upstream.writeAndFlush(answer));
    } catch (ScramException e) {
      context.metrics().rejected(Rejection.UPSTREAM_UNAVAILABLE);
      fatal(
          ErrorResponse.fatal(
              SqlState.CONNECTION_FAILURE,
              "the gateway could not log in upstream",
              e.getMessage()));
    }
  }

  private void startRelay() {
    phase = Phase.RELAY;
    if (authTimer != null) {
      authTimer.cancel(false);
    }
    relay =
        new StatementRelay(
            sessionGate,
            context.metrics(),
            gateSession.withApplicationName(
                upstreamParameters.getOrDefault("application_name", "")),
            "drawbridge_denied_" + Long.toHexString(context.random().nextLong() & Long.MAX_VALUE),
            upstreamParameters.getOrDefault("client_encoding", "UTF8"),
            new RelaySink());
    if (client.pipeline().get("frames") instanceof FrameDecoder frames) {
      frames.relayRuns(
          RELAY_ONLY_FRONTEND_TYPES, () -> phase == Phase.RELAY && relay.acceptsRuns());
    }
    afterReady();
    List<Frame> early = new ArrayList<>(held);
    held.clear();
    for (Frame f : early) {
      if (phase != Phase.RELAY) {
        f.release();
      } else {
        fromClient(f);
      }
    }
    if (upstreamNeedsFlush && upstream != null) {
      upstreamNeedsFlush = false;
      upstream.flush();
    }
  }

  private void fromClient(Frame f) {
    bytesIn += f.size();
    switch (phase) {
      case AUTH_CLIENT -> authenticateClient(f);
      case UPSTREAM_LOGIN -> {
        if (f.type() == Terminate.TYPE) {
          f.release();
          closeSession();
        } else if (!gatewayAuth && f.type() == PasswordMessage.TYPE && upstream != null) {
          toUpstream(f.content());
        } else if (gatewayAuth && held.size() < MAX_HELD_FRAMES) {
          held.add(f);
        } else {
          f.release();
          fatal(
              SqlState.PROTOCOL_VIOLATION,
              "expected password response, got message type " + f.type());
        }
      }
      case RELAY -> {
        idleSince = 0;
        if (loginSwitch != null) {
          holdDuringSwitch(f);
          return;
        }
        relay.fromClient(f);
      }
      default -> {
        f.release();
        fatal(SqlState.PROTOCOL_VIOLATION, "unexpected message before startup");
      }
    }
  }

  private void fromUpstream(Frame f) {
    switch (phase) {
      case UPSTREAM_LOGIN -> upstreamLogin(f);
      case RELAY -> {
        bytesOut += f.size();
        if (f.type() == ParameterStatus.TYPE) {
          ParameterStatus status = ParameterStatus.decode(f.body());
          reported.put(status.name(), status.value());
        }
        relay.fromUpstream(f);
      }
      default -> f.release();
    }
  }

  private void toUpstream(ByteBuf buf) {
    upstream.write(buf, upstream.voidPromise());
    upstreamNeedsFlush = true;
  }

  private void toClient(ByteBuf buf) {
    client.write(buf, client.voidPromise());
    clientNeedsFlush = true;
  }

  private boolean idle() {
    return relay == null || relay.idle();
  }

  /** After every ReadyForQuery: finish a graceful shutdown, or arm the idle timer. */
  private void afterReady() {
    if (!relay.idle()) {
      return;
    }
    if (drainRequested) {
      shutdownSession();
      return;
    }
    long idleNanos = config.idleTimeout().toNanos();
    if (idleNanos > 0 && relay.transactionStatus() == 'I') {
      // one timer per session, re-armed lazily: no scheduling work per statement
      idleSince = System.nanoTime();
      if (idleTimer == null) {
        idleTimer =
            client.eventLoop().schedule(this::idleTimedOut, idleNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  /** The relay's view of this session's channels. */
  private final class RelaySink implements StatementRelay.Sink {
    @Override
    public ByteBufAllocator alloc() {
      return client.alloc();
    }

    @Override
    public void toUpstream(ByteBuf buf) {
      ClientSession.this.toUpstream(buf);
    }

    @Override
    public void toClient(ByteBuf buf) {
      ClientSession.this.toClient(buf);
    }

    @Override
    public void readyForQuery() {
      trySwitchLogin();
      afterReady();
    }

    @Override
    public void terminated() {
      terminateSent = true;
      upstream.flush();
      closeSession();
    }

    @Override
    public void protocolViolation(String sqlState, String message) {
      fatal(sqlState, message);
    }

    @Override
    public void holdClient(boolean hold) {
      heldForDecision = hold;
      client.config().setAutoRead(!hold && (upstream == null || upstream.isWritable()));
    }

    @Override
    public void execute(Runnable task) {
      client.eventLoop().execute(task);
    }

    @Override
    public void flush() {
      if (upstreamNeedsFlush && upstream != null) {
        upstreamNeedsFlush = false;
        upstream.flush();
      }
      if (clientNeedsFlush) {
        clientNeedsFlush = false;
        client.flush();
      }
    }
  }

  // ---------------------------------------------------------------- moving to another login

  /** What the session's gate may ask of the proxy. */
  private final class Control implements SessionControl {
    @Override
    public CompletionStage<Void> switchLogin(UpstreamCredential credential) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      client.eventLoop().execute(() -> requestLoginSwitch(credential, done));
      return done;
    }

    @Override
    public void terminate(String sqlState, String message, String detail) {
      client.eventLoop().execute(() -> fatal(ErrorResponse.fatal(sqlState, message, detail)));
    }

    @Override
    public void notice(String message, String detail) {
      client
          .eventLoop()
          .execute(
              () -> {
                if (phase == Phase.RELAY && client.isActive()) {
                  client.writeAndFlush(
                      ErrorResponse.notice(message, detail).encodeAs(client.alloc(), 'N'),
                      client.voidPromise());
                }
              });
    }

    @Override
    public void execute(Runnable task) {
      client.eventLoop().execute(task);
    }
  }

  private void requestLoginSwitch(UpstreamCredential credential, CompletableFuture<Void> done) {
    if (phase != Phase.RELAY) {
      done.completeExceptionally(new IllegalStateException("the session is not ready"));
    } else if (!gatewayAuth) {
      done.completeExceptionally(
          new IllegalStateException(
              "the client logs in upstream itself (passthrough auth), so the gateway cannot change"
                  + " its login"));
    } else if (wantedLogin != null || loginSwitch != null) {
      done.completeExceptionally(
          new IllegalStateException("another change of upstream login is in progress"));
    } else if (credential.equals(currentLogin)) {
      done.complete(null);
    } else {
      wantedLogin = credential;
      wantedLoginDone = done;
      trySwitchLogin();
    }
  }

  /** Starts the wanted switch once the upstream has answered everything, outside a transaction. */
  private void trySwitchLogin() {
    if (wantedLogin == null || loginSwitch != null || phase != Phase.RELAY) {
      return;
    }
    if (!relay.upstreamCaughtUp()) {
      return; // the next ReadyForQuery tries again
    }
    if (relay.transactionStatus() != 'I') {
      failWantedLogin(
          "the session is inside a transaction block; the change takes effect after COMMIT or"
              + " ROLLBACK");
      return;
    }
    Charset encoding = relay.clientEncoding();
    if (encoding == null) {
      failWantedLogin("the session's client_encoding is not one the gateway can carry over");
      return;
    }
    client.config().setAutoRead(false);
    loginSwitch =
        new LoginSwitch(
            new SwitchHost(), wantedLogin, encoding, context.random(), upstream.alloc());
    loginSwitch.start();
  }

  private void failWantedLogin(String reason) {
    CompletableFuture<Void> done = wantedLoginDone;
    wantedLogin = null;
    wantedLoginDone = null;
    if (done != null) {
      done.completeExceptionally(new IllegalStateException(reason));
    }
  }

  /** A client message that arrived while the session moves; reading stops until it has moved. */
  private void holdDuringSwitch(ByteBufHolder message) {
    heldDuringSwitch.add(message);
    client.config().setAutoRead(false);
  }

  /** After a switch, successful or not: the client's held messages go on to the relay. */
  private void resumeAfterSwitch() {
    loginSwitch = null;
    while (phase == Phase.RELAY && loginSwitch == null) {
      ByteBufHolder next = heldDuringSwitch.poll();
      if (next == null) {
        break;
      }
      switch (next) {
        case Frame f -> relay.fromClient(f);
        case FrameChunk c -> relay.fromClient(c);
        default -> next.release();
      }
    }
    if (phase == Phase.RELAY) {
      client.config().setAutoRead(!heldForDecision && upstream.isWritable());
      if (upstreamNeedsFlush) {
        upstreamNeedsFlush = false;
        upstream.flush();
      }
      if (clientNeedsFlush) {
        clientNeedsFlush = false;
        client.flush();
      }
    }
  }

  /** The session as a login switch sees it. */
  private final class SwitchHost implements LoginSwitch.Host {
    @Override
    public Channel upstream() {
      return upstream;
    }

    @Override
    public ChannelFuture connect(ChannelHandler handler) {
      return context.connector().connect(client.eventLoop(), handler);
    }

    @Override
    public Map<String, String> startupParameters(UpstreamCredential credential) {
      Map<String, String> p = new LinkedHashMap<>(clientParameters);
      p.put("user", credential.user());
      String encoding = reported.get("client_encoding");
      if (encoding != null) {
        p.put("client_encoding", encoding);
      }
      credential.parameters().forEach((name, value) -> addParameter(p, name, value));
      return p;
    }

    @Override
    public void toClient(ByteBuf buf) {
      ClientSession.this.toClient(buf);
    }

    @Override
    public void switched(
        Channel next, BackendKeyData key, Map<String, String> parameters, long connectNanos) {
      context.metrics().upstreamConnected(Duration.ofNanos(connectNanos));
      Channel old = upstream;
      upstream = next;
      next.pipeline().replace("upstream", "upstream", new UpstreamHandler());
      next.config().setAutoRead(client.isWritable());
      if (gatewayProcessId != 0) {
        context
            .cancelRegistry()
            .retarget(
                gatewayProcessId,
                new CancelRegistry.Target(next.remoteAddress(), key.processId(), key.secretKey()));
      }
      log.info(
          "session {}: upstream login changed from {} to {}",
          sessionId,
          currentLogin == null ? "?" : currentLogin.user(),
          wantedLogin.user());
      currentLogin = wantedLogin;
      old.write(new Terminate().encode(old.alloc()), old.voidPromise());
      old.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      // the client learns what differs on the new connection (session_authorization, say)
      parameters.forEach(
          (name, value) -> {
            if (!value.equals(reported.get(name))) {
              reported.put(name, value);
              relay.fromUpstream(
                  new Frame(new ParameterStatus(name, value).encode(client.alloc())));
            }
          });
      CompletableFuture<Void> done = wantedLoginDone;
      wantedLogin = null;
      wantedLoginDone = null;
      resumeAfterSwitch();
      done.complete(null);
    }

    @Override
    public void switchFailed(String reason) {
      log.info("session {}: upstream login not changed: {}", sessionId, reason);
      failWantedLogin(reason);
      resumeAfterSwitch();
    }
  }

  private static void addParameter(Map<String, String> p, String name, String value) {
    String mine = p.get(name);
    p.put(
        name,
        name.equals("options") && mine != null && !mine.isBlank() ? mine + " " + value : value);
  }

  // ---------------------------------------------------------------- timers, shutdown, close

  private void authTimedOut() {
    if (phase != Phase.RELAY && phase != Phase.CLOSED) {
      context.metrics().rejected(Rejection.AUTH_TIMEOUT);
      fatal(SqlState.CONNECTION_FAILURE, "canceling authentication due to timeout");
    }
  }

  private void idleTimedOut() {
    idleTimer = null;
    if (phase != Phase.RELAY || idleSince == 0) {
      return; // busy: the next ReadyForQuery arms the timer again
    }
    long remaining = config.idleTimeout().toNanos() - (System.nanoTime() - idleSince);
    if (remaining > 0) {
      idleTimer = client.eventLoop().schedule(this::idleTimedOut, remaining, TimeUnit.NANOSECONDS);
      return;
    }
    fatal(SqlState.IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout");
  }

  /** This session as an operator sees it, read on its event loop; empty when not connected. */
  Optional<Future<LiveSession>> describe() {
    Channel c = client;
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(c.eventLoop().submit(this::liveSession));
  }

  private LiveSession liveSession() {
    if (phase == Phase.CLOSED) {
      return null;
    }
    String state =
        switch (phase) {
          case RELAY ->
              !relay.idle()
                  ? "active"
                  : switch (relay.transactionStatus()) {
                    case 'T' -> "idle in transaction";
                    case 'E' -> "idle in transaction (aborted)";
                    default -> "idle";
                  };
          default -> "authenticating";
        };
    GateSession g = gateSession;
    return new LiveSession(
        sessionId,
        user == null ? "" : user,
        roles,
        g == null ? "" : g.database(),
        relay != null ? relay.session().applicationName() : "",
        String.valueOf(client.remoteAddress()),
        startedAt,
        state);
  }

  /** The gateway's number for this session (0 until it is known); safe from any thread. */
  long sessionId() {
    return sessionId;
  }

  /** Ends the session with FATAL 57P01; safe to call from any thread. */
  void terminate(String reason) {
    Channel c = client;
    if (c == null) {
      return;
    }
    c.eventLoop()
        .execute(
            () ->
                fatal(
                    ErrorResponse.fatal(
                        SqlState.ADMIN_SHUTDOWN,
                        "terminating connection due to administrator command",
                        reason)));
  }

  /** Graceful shutdown of this session; safe to call from any thread. */
  void requestDrain() {
    Channel c = client;
    if (c == null) {
      return;
    }
    c.eventLoop()
        .execute(
            () -> {
              drainRequested = true;
              if (phase == Phase.CLOSED) {
                return;
              }
              if (phase != Phase.RELAY || idle()) {
                shutdownSession();
              }
            });
  }

  private void shutdownSession() {
    fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
  }

  private void fatal(String sqlState, String message) {
    fatal(ErrorResponse.fatal(sqlState, message));
  }

  /** Sends a FATAL error to the client, then closes both sides. */
  private void fatal(ErrorResponse error) {
    if (phase == Phase.CLOSED || client == null) {
      return;
    }
    if (client.isActive()) {
      client.write(error.encode(client.alloc()), client.voidPromise());
    }
    closeSession();
  }

  /** Idempotent: releases everything the session holds; the client channel closes after a flush. */
  private void closeSession() {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    context.remove(this);
    if (authTimer != null) {
      authTimer.cancel(false);
    }
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    for (Frame f : held) {
      f.release();
    }
    held.clear();
    if (loginSwitch != null) {
      loginSwitch.abandon("the session ended");
    }
    failWantedLogin("the session ended");
    for (ByteBufHolder h : heldDuringSwitch) {
      h.release();
    }
    heldDuringSwitch.clear();
    if (relay != null) {
      relay.close();
    } else if (sessionGate != null) {
      try {
        sessionGate.close();
      } catch (RuntimeException e) {
        log.warn("closing the session's gate failed", e);
      }
    }
    if (gatewayProcessId != 0) {
      context.cancelRegistry().unregister(gatewayProcessId);
    }
    if (counted) {
      counted = false;
      context.metrics().sessionClosed();
    }
    flushBytesOut();
    if (upstream != null) {
      if (upstream.isActive() && !terminateSent) {
        // a polite goodbye, so the server does not log an unexpected EOF
        terminateSent = true;
        upstream.write(new Terminate().encode(upstream.alloc()), upstream.voidPromise());
      }
      upstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
    if (client != null && client.isActive()) {
      Channel c = client;
      c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      // a client that stopped reading would keep the flush, and the socket, pending forever
      c.eventLoop().schedule(() -> c.close(), CLOSE_FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private void flushBytesOut() {
    if (bytesOut > 0) {
      context.metrics().bytesOut(bytesOut);
      bytesOut = 0;
    }
  }

  /** The handler on the upstream channel: everything is delegated to the session. */
  private final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (phase == Phase.CLOSED || ctx.channel() != upstream) {
        ReferenceCountUtil.release(msg); // the connection a login switch left behind
        return;
      }
      if (loginSwitch != null && loginSwitch.capturing()) {
        loginSwitch.fromCurrent(msg);
        return;
      }
      if (msg instanceof FrameChunk c) {
        // messages that are only relayed (a run of them, or a piece of a large one)
        if (relay != null && c.isRun()) {
          relay.observeUpstreamRun(c.content());
        }
        bytesOut += c.size();
        toClient(c.content());
        return;
      }
      fromUpstream((Frame) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (clientNeedsFlush && client != null) {
        clientNeedsFlush = false;
        client.flush();
      }
      flushBytesOut();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      // the upstream reads slowly: stop reading the client until it has caught up
      if (client != null && phase != Phase.CLOSED && ctx.channel() == upstream) {
        client.config().setAutoRead(ctx.channel().isWritable() && !heldForDecision);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() != upstream) {
        return; // the connection a login switch left behind
      }
      // whatever the upstream sent last (a FATAL 57P01, say) is written before the close
      closeSession();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!(cause instanceof IOException)) {
        log.warn("upstream connection failed", cause);
      }
      ctx.close();
    }
  }

  @Override
  public String toString() {
    return "ClientSession["
        + (relay == null ? "-" : relay.session().sessionId())
        + ", "
        + phase
        + ", "
        + (client == null ? "" : client.remoteAddress())
        + "]";
  }
}

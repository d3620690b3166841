package dev.drawbridge.proxy.session;

import dev.drawbridge.proxy.auth.ScramException;
import dev.drawbridge.proxy.codec.Frame;
import dev.drawbridge.proxy.codec.FrameChunk;
import dev.drawbridge.proxy.gate.UpstreamCredential;
import dev.drawbridge.proxy.protocol.backend.Authentication;
import dev.drawbridge.proxy.protocol.backend.BackendKeyData;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.backend.ParameterStatus;
import dev.drawbridge.proxy.protocol.backend.ReadyForQuery;
import dev.drawbridge.proxy.protocol.frontend.Parse;
import dev.drawbridge.proxy.protocol.frontend.Query;
import dev.drawbridge.proxy.protocol.frontend.StartupMessage;
import dev.drawbridge.proxy.protocol.frontend.Sync;
import dev.drawbridge.proxy.protocol.frontend.Terminate;
import dev.drawbridge.proxy.upstream.UpstreamLogin;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.Charset;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a session that is idle outside a transaction block to another upstream login. Three steps,
 * all on the session's event loop while the client is held:
 *
 * <ol>
 *   <li><b>Capture</b> on the current connection: one query reads the settings the session changed
 *       with SET, its protocol-level prepared statements, and whatever cannot move (temporary
 *       tables, LISTEN, open cursors, advisory locks, SQL-level PREPARE).
 *   <li><b>Login</b> on a new connection with the new credential and the client's startup
 *       parameters.
 *   <li><b>Replay</b>: {@code set_config} for each captured setting and a Parse for each prepared
 *       statement, in one extended-protocol batch ended by one Sync.
 * </ol>
 *
 * Until the replay succeeds the session stays on its old connection, untouched: a failure at any
 * step closes only the new connection.
 */
final class LoginSwitch {

  /**
   * Settings, prepared statements and blockers of the current backend, one row each: (kind, name,
   * value, parameter type oids).
   */
  static final String CAPTURE_SQL =
      "SELECT 'setting', name, pg_catalog.current_setting(name), NULL"
          + " FROM pg_catalog.pg_settings WHERE source = 'session' AND name NOT IN"
          + " ('role', 'session_authorization', 'client_encoding', 'transaction_isolation',"
          + " 'transaction_read_only', 'transaction_deferrable')"
          + " UNION ALL SELECT 'prepared', name, statement, parameter_types::pg_catalog.oid[]::text"
          + " FROM pg_catalog.pg_prepared_statements WHERE NOT from_sql"
          + " UNION ALL SELECT 'blocker', 'a prepared statement made with PREPARE', name, NULL"
          + " FROM pg_catalog.pg_prepared_statements WHERE from_sql"
          + " UNION ALL SELECT 'blocker', 'a temporary table', relname::text, NULL"
          + " FROM pg_catalog.pg_class WHERE relnamespace = pg_catalog.pg_my_temp_schema()"
          + " UNION ALL SELECT 'blocker', 'LISTEN', l, NULL"
          + " FROM pg_catalog.pg_listening_channels() l"
          + " UNION ALL SELECT 'blocker', 'an open cursor', name, NULL FROM pg_catalog.pg_cursors"
          + " UNION ALL SELECT 'blocker', 'an advisory lock', objid::text, NULL"
          + " FROM pg_catalog.pg_locks WHERE locktype = 'advisory'"
          + " AND pid = pg_catalog.pg_backend_pid()";

  private static final String SET_CONFIG_SQL = "SELECT pg_catalog.set_config($1, $2, false)";

  /** What the switch needs of its session. */
  interface Host {
    /** The session's current upstream connection. */
    Channel upstream();

    /** Connects a new upstream connection whose frames go to {@code handler}. */
    ChannelFuture connect(ChannelHandler handler);

    /** The StartupMessage parameters for a login with this credential. */
    Map<String, String> startupParameters(UpstreamCredential credential);

    /** For notices and notifications the old connection sends while capturing. */
    void toClient(ByteBuf buf);

    /** The switch is done: the session now runs on {@code upstream}. */
    void switched(
        Channel upstream, BackendKeyData key, Map<String, String> parameters, long connectNanos);

    /** The switch failed; the session stays on its old connection. */
    void switchFailed(String reason);
  }

  private enum Step {
    CAPTURE,
    LOGIN,
    REPLAY,
    DONE
  }

  private final Host host;
  private final UpstreamCredential credential;
  private final Charset encoding;
  private final UpstreamLogin login;
  private final ByteBufAllocator alloc;
  private Step step = Step.CAPTURE;
  private Channel next;
  private long connectStart;
  private BackendKeyData key;
  private String error;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final List<Parse> prepared = new ArrayList<>();
  private final List<String> blockers = new ArrayList<>();
  private final Map<String, String> reported = new LinkedHashMap<>();

  LoginSwitch(
      Host host,
      UpstreamCredential credential,
      Charset encoding,
      SecureRandom random,
      ByteBufAllocator alloc) {
    this.host = host;
    this.credential = credential;
    this.encoding = encoding;
    this.alloc = alloc;
    this.login = new UpstreamLogin(credential.user(), credential.password(), random);
  }

  UpstreamCredential credential() {
    return credential;
  }

  /** Sends the capture query on the current connection. */
  void start() {
    Channel old = host.upstream();
    old.writeAndFlush(new Query(CAPTURE_SQL).encode(old.alloc(), encoding), old.voidPromise());
  }

  /** True while the current connection's frames belong to the switch. */
  boolean capturing() {
    return step == Step.CAPTURE;
  }

  /** True when {@code channel} is the new connection this switch opened. */
  boolean owns(Channel channel) {
    return next != null && next == channel;
  }

  // ---------------------------------------------------------------- capture (old connection)

  /** A message from the current connection while capturing; takes ownership. */
  void fromCurrent(Object msg) {
    try {
      switch (msg) {
        case FrameChunk c when c.isRun() -> readRows(c.content());
        case FrameChunk c -> fail("the session state is too large to move");
        case Frame f -> fromCurrentFrame(f);
        default -> {}
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void fromCurrentFrame(Frame f) {
    switch (f.type()) {
      case 'D' -> readRow(f.body());
      case ErrorResponse.TYPE -> fail(ErrorResponse.decode(f.body()).message());
      case 'N', 'A' -> host.toClient(f.content().retain());
      case ReadyForQuery.TYPE -> captured();
      default -> {} // RowDescription, CommandComplete
    }
  }

  private void readRows(ByteBuf run) {
    ByteBuf in = run.duplicate();
    while (in.readableBytes() >= 5) {
      byte type = in.readByte();
      int length = in.readInt();
      ByteBuf body = in.readSlice(length - 4);
      if (type == 'D') {
        readRow(body);
      }
    }
  }

  private void readRow(ByteBuf body) {
    ByteBuf in = body.duplicate();
    int columns = in.readUnsignedShort();
    String[] values = new String[columns];
    for (int i = 0; i < columns; i++) {
      int length = in.readInt();
      values[i] = length < 0 ? null : in.readCharSequence(length, encoding).toString();
    }
    if (columns != 4 || values[0] == null) {
      fail("unexpected answer to the session capture");
      return;
    }
    switch (values[0]) {
      case "setting" -> settings.put(values[1], values[2]);
      case "prepared" -> prepared.add(new Parse(values[1], values[2], oids(values[3])));
      default -> blockers.add(values[1] + " (" + values[2] + ")");
    }
  }

  private static int[] oids(String array) {
    String inner = array.substring(1, array.length() - 1).strip();
    if (inner.isEmpty()) {
      return new int[0];
    }
    String[] parts = inner.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (int) Long.parseLong(parts[i].strip());
    }
    return out;
  }

  private void captured() {
    if (error != null) {
      host.switchFailed("the session could not be read: " + error);
      step = Step.DONE;
      return;
    }
    if (!blockers.isEmpty()) {
      step = Step.DONE;
      host.switchFailed(
          "the session holds state that cannot move to another login: "
              + String.join(", ", blockers));
      return;
    }
    step = Step.LOGIN;
    connectStart = System.nanoTime();
    host.connect(new NextHandler())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (step != Step.LOGIN) {
                    f.channel().close();
                    return;
                  }
                  if (!f.isSuccess()) {
                    abandon("could not connect: " + f.cause().getMessage());
                    return;
                  }
                  next = f.channel();
                  next.writeAndFlush(
                      new StartupMessage(3, 0, host.startupParameters(credential))
                          .encode(next.alloc()));
                });
  }

  // ---------------------------------------------------------------- login and replay (new one)

  /** A frame of the new connection; takes ownership. */
  void fromNext(Object msg) {
    try {
      if (!(msg instanceof Frame f)) {
        return; // a run of ParseComplete, BindComplete, DataRow, CommandComplete during replay
      }
      switch (f.type()) {
        case Authentication.TYPE -> answer(Authentication.decode(f.body()));
        case ParameterStatus.TYPE -> {
          ParameterStatus s = ParameterStatus.decode(f.body());
          reported.put(s.name(), s.value());
        }
        case BackendKeyData.TYPE -> key = BackendKeyData.decode(f.body());
        case ErrorResponse.TYPE -> {
          ErrorResponse e = ErrorResponse.decode(f.body());
          if (step == Step.LOGIN || e.isFatal()) {
            abandon("the login " + credential.user() + " was refused: " + e.message());
          } else if (error == null) {
            error = e.message();
          }
        }
        case ReadyForQuery.TYPE -> ready();
        default -> {} // NoticeResponse, NegotiateProtocolVersion, replay answers
      }
    } catch (ScramException | RuntimeException e) {
      abandon("the login " + credential.user() + " failed: " + e.getMessage());
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void answer(Authentication request) throws ScramException {
    login.answer(request, next.alloc()).ifPresent(a -> next.writeAndFlush(a));
  }

  private void ready() {
    if (step == Step.LOGIN) {
      if (key == null) {
        abandon("the upstream sent no BackendKeyData");
        return;
      }
      replay();
    } else if (step == Step.REPLAY) {
      if (error != null) {
        abandon("the session's settings could not be carried over: " + error);
        return;
      }
      step = Step.DONE;
      host.switched(next, key, reported, System.nanoTime() - connectStart);
    }
  }

  private void replay() {
    step = Step.REPLAY;
    for (Map.Entry<String, String> s : settings.entrySet()) {
      next.write(new Parse("", SET_CONFIG_SQL, new int[] {25, 25}).encode(alloc, encoding));
      next.write(bind(s.getKey(), s.getValue()));
      next.write(execute());
    }
    for (Parse p : prepared) {
      next.write(p.encode(alloc, encoding));
    }
    next.writeAndFlush(new Sync().encode(alloc));
  }

  /** Bind of the unnamed statement to the unnamed portal with two text parameters. */
  private ByteBuf bind(String name, String value) {
    byte[] n = name.getBytes(encoding);
    byte[] v = value.getBytes(encoding);
    ByteBuf buf = alloc.buffer(1 + 4 + 2 + 2 + 2 + 8 + n.length + v.length + 2);
    buf.writeByte('B');
    buf.writeInt(4 + 1 + 1 + 2 + 2 + 4 + n.length + 4 + v.length + 2);
    buf.writeByte(0); // portal ""
    buf.writeByte(0); // statement ""
    buf.writeShort(0); // all parameters in text
    buf.writeShort(2);
    buf.writeInt(n.length).writeBytes(n);
    buf.writeInt(v.length).writeBytes(v);
    buf.writeShort(0); // results in text
    return buf;
  }

  private ByteBuf execute() {
    ByteBuf buf = alloc.buffer(10);
    buf.writeByte('E');
    buf.writeInt(4 + 1 + 4);
    buf.writeByte(0);
    buf.writeInt(0);
    return buf;
  }

  /** The new connection closed before the switch was done. */
  void nextClosed() {
    abandon("the new upstream connection closed");
  }

  /** Gives up: the new connection is closed, the session stays where it was. */
  void abandon(String reason) {
    if (step == Step.DONE) {
      return;
    }
    if (step == Step.CAPTURE) {
      // the capture query's answer is still on its way: note it, fail at its ReadyForQuery
      fail(reason);
      return;
    }
    step = Step.DONE;
    Channel n = next;
    if (n != null && n.isActive()) {
      n.writeAndFlush(new Terminate().encode(n.alloc())).addListener(ChannelFutureListener.CLOSE);
    }
    host.switchFailed(reason);
  }

  private void fail(String reason) {
    if (error == null) {
      error = reason;
    }
  }

  /** The new connection's handler until the switch is done; then the session's replaces it. */
  private final class NextHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      fromNext(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      nextClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}

package dev.drawbridge.proxy.session;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.drawbridge.proxy.ProxyMetrics;
import dev.drawbridge.proxy.codec.ClientEncodings;
import dev.drawbridge.proxy.codec.Frame;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.StatementGate;
import dev.drawbridge.proxy.protocol.backend.ErrorResponse;
import dev.drawbridge.proxy.protocol.backend.ParameterStatus;
import dev.drawbridge.proxy.protocol.backend.ReadyForQuery;
import dev.drawbridge.proxy.protocol.frontend.Parse;
import dev.drawbridge.proxy.protocol.frontend.Query;
import dev.drawbridge.proxy.protocol.frontend.Sync;
import dev.drawbridge.proxy.protocol.frontend.Terminate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay phase of a session, after the first ReadyForQuery: every Query and Parse passes the
 * gate; everything else is forwarded as the client sent it. Knows nothing about channels; it talks
 * to a {@link Sink}, which makes it testable without a network.
 *
 * <p>A denied statement is replaced by a "poison" statement (a bare, unique marker identifier:
 * always a syntax error) so that the upstream fails in order, aborting the transaction as the
 * denied statement would have; the upstream's error for the poison is replaced by the gate's. After
 * a denied Parse the relay discards messages until Sync, as PostgreSQL does after an error.
 */
final class StatementRelay {

  private static final Logger log = LoggerFactory.getLogger(StatementRelay.class);

  /** Beyond this many unanswered denials the oldest are forgotten (the server skipped them). */
  static final int MAX_PENDING_DENIALS = 1024;

  /** Where the relay's output goes. */
  interface Sink {
    ByteBufAllocator alloc();

    /** Queue for the upstream (flushed at the end of the read batch). */
    void toUpstream(ByteBuf buf);

    /** Queue for the client (flushed at the end of the read batch). */
    void toClient(ByteBuf buf);

    /** A ReadyForQuery was relayed to the client. */
    void readyForQuery();

    /** The client sent Terminate (already queued for the upstream). */
    void terminated();

    /** The client broke the protocol: answer with a FATAL error and close. */
    void protocolViolation(String sqlState, String message);
  }

  private final StatementGate gate;
  private final ProxyMetrics metrics;
  private final Sink sink;
  private final PendingDenials pendingDenials;
  private GateSession session;
  private long readySent;
  private long readyReceived;
  private boolean discardUntilSync;
  private boolean unsynced;
  private boolean copyIn;
  private char transactionStatus = 'I';
  private String clientEncodingName;
  private Charset clientEncoding; // null when the gateway cannot decode the client's encoding

  /**
   * @param markerPrefix unguessable, unique per session; poison markers start with it
   * @param clientEncoding the session's client_encoding as the upstream reported it
   */
  StatementRelay(
      StatementGate gate,
      ProxyMetrics metrics,
      GateSession session,
      String markerPrefix,
      String clientEncoding,
      Sink sink) {
    this.gate = gate;
    this.metrics = metrics;
    this.session = session;
    this.sink = sink;
    this.pendingDenials = new PendingDenials(markerPrefix, MAX_PENDING_DENIALS);
    clientEncoding(clientEncoding);
  }

  private void clientEncoding(String name) {
    clientEncodingName = name;
    clientEncoding = ClientEncodings.forName(name).orElse(null);
  }

  /**
   * True when nothing is in flight: every Query and Sync got its ReadyForQuery, no
   * extended-protocol message awaits a Sync and no COPY is running.
   */
  boolean idle() {
    return readyReceived >= readySent && !unsynced && !copyIn;
  }

  /** The transaction status of the last ReadyForQuery: 'I', 'T' or 'E'. */
  char transactionStatus() {
    return transactionStatus;
  }

  GateSession session() {
    return session;
  }

  // ---------------------------------------------------------------- client to upstream

  /** One client message; takes ownership of the frame. */
  void fromClient(Frame f) {
    switch (f.type()) {
      case Query.TYPE -> {
        if (discardUntilSync) {
          f.release();
          return;
        }
        onQuery(f);
      }
      case Parse.TYPE -> {
        if (discardUntilSync) {
          f.release();
          return;
        }
        unsynced = true;
        onParse(f);
      }
      case Sync.TYPE -> {
        // the server ignores Sync during COPY IN: it produces no ReadyForQuery then
        if (!copyIn) {
          readySent++;
          discardUntilSync = false;
          unsynced = false;
        }
        sink.toUpstream(f.content());
      }
      case 'B', 'E', 'D', 'C', 'H' -> { // Bind, Execute, Describe, Close, Flush
        if (discardUntilSync) {
          f.release();
          return;
        }
        unsynced = true;
        sink.toUpstream(f.content());
      }
      case 'd' -> sink.toUpstream(f.content()); // CopyData: never gated
      case 'c', 'f' -> { // CopyDone, CopyFail
        copyIn = false;
        sink.toUpstream(f.content());
      }
      case 'F' -> {
        // FunctionCall bypasses SQL entirely: refuse it, in order, like a failing statement
        f.release();
        if (!discardUntilSync) {
          deny(
              GateDecision.deny(
                  SqlState.FEATURE_NOT_SUPPORTED,
                  "the function call protocol is not supported through the gateway",
                  null,
                  null),
              "",
              false);
        }
      }
      case Terminate.TYPE -> {
        sink.toUpstream(f.content());
        sink.terminated();
      }
      default -> {
        byte type = f.type();
        f.release();
        sink.protocolViolation(
            SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + type);
      }
    }
  }

  private void onQuery(Frame f) {
    Query query;
    try {
      if (clientEncoding == null) {
        f.release();
        metrics.denied();
        deny(unreadableEncoding(), "", false);
        return;
      }
      query = Query.decode(f.body(), clientEncoding);
    } catch (RuntimeException e) {
      f.release();
      throw e;
    }
    switch (check(new GateStatement(GateStatement.Protocol.SIMPLE_QUERY, "", query.sql()))) {
      case GateDecision.Allow a -> {
        metrics.allowed();
        sink.toUpstream(f.content()); // the original bytes, untouched
        readySent++;
      }
      case GateDecision.Rewrite r -> {
        metrics.rewritten();
        f.release();
        sink.toUpstream(new Query(r.sql()).encode(sink.alloc(), clientEncoding));
        readySent++;
      }
      case GateDecision.Deny d -> {
        metrics.denied();
        f.release();
        deny(d, "", false);
      }
      case GateDecision.Deferred d -> throw new AssertionError("deferred decision not resolved");
    }
  }

  private void onParse(Frame f) {
    Parse parse;
    try {
      if (clientEncoding == null) {
        f.release();
        metrics.denied();
        deny(unreadableEncoding(), "", true);
        return;
      }
      parse = Parse.decode(f.body(), clientEncoding);
    } catch (RuntimeException e) {
      f.release();
      throw e;
    }
    switch (check(
        new GateStatement(GateStatement.Protocol.PARSE, parse.statementName(), parse.sql()))) {
      case GateDecision.Allow a -> {
        metrics.allowed();
        sink.toUpstream(f.content());
      }
      case GateDecision.Rewrite r -> {
        metrics.rewritten();
        f.release();
        sink.toUpstream(
            new Parse(parse.statementName(), r.sql(), parse.parameterTypes())
                .encode(sink.alloc(), clientEncoding));
      }
      case GateDecision.Deny d -> {
        metrics.denied();
        f.release();
        deny(d, parse.statementName(), true);
      }
      case GateDecision.Deferred d -> throw new AssertionError("deferred decision not resolved");
    }
  }

  /**
   * Forwards a poison statement in place of a denied one and remembers to replace its error.
   *
   * @param extended true for a Parse: the relay then discards messages until Sync
   */
  private void deny(GateDecision.Deny deny, String statementName, boolean extended) {
    String marker = pendingDenials.add(deny, readySent);
    if (extended) {
      // the statement name goes back in the client's own bytes
      sink.toUpstream(
          new Parse(statementName, marker, new int[0])
              .encode(sink.alloc(), clientEncoding == null ? ISO_8859_1 : clientEncoding));
      discardUntilSync = true;
    } else {
      sink.toUpstream(new Query(marker).encode(sink.alloc()));
      readySent++;
    }
  }

  private GateDecision.Deny unreadableEncoding() {
    // fail closed: the gate cannot judge text it cannot read
    return GateDecision.deny(
        SqlState.FEATURE_NOT_SUPPORTED,
        "client encoding \"" + clientEncodingName + "\" is not supported by the gateway",
        null,
        "Use UTF8 or another encoding the gateway can read.");
  }

  private GateDecision check(GateStatement statement) {
    try {
      GateDecision d = gate.check(session, statement);
      if (d == null) {
        throw new IllegalStateException("the statement gate returned null");
      }
      if (d instanceof GateDecision.Deferred) {
        // TODO(issue 4): hold the session's messages until the decision completes
        throw new IllegalStateException("deferred gate decisions are not supported yet");
      }
      return d;
    } catch (RuntimeException e) {
      // fail closed
      log.warn("statement gate failed; denying the statement", e);
      return GateDecision.deny(
          SqlState.INTERNAL_ERROR, "the gateway could not check this statement", null, null);
    }
  }

  // ---------------------------------------------------------------- upstream to client

  /** One upstream message; takes ownership of the frame. */
  void fromUpstream(Frame f) {
    switch (f.type()) {
      case ErrorResponse.TYPE -> {
        copyIn = false;
        if (!pendingDenials.isEmpty()) {
          GateDecision.Deny d = pendingDenials.take(ErrorResponse.decode(f.body()).message());
          if (d != null) {
            f.release();
            sink.toClient(
                ErrorResponse.error(d.sqlState(), d.message(), d.detail(), d.hint())
                    .encode(sink.alloc()));
            return;
          }
        }
        sink.toClient(f.content());
      }
      case ReadyForQuery.TYPE -> {
        transactionStatus = ReadyForQuery.decode(f.body()).transactionStatus();
        readyReceived++;
        copyIn = false;
        pendingDenials.readyReceived(readyReceived);
        sink.toClient(f.content());
        sink.readyForQuery();
      }
      case 'G', 'W' -> { // CopyInResponse, CopyBothResponse
        copyIn = true;
        sink.toClient(f.content());
      }
      case ParameterStatus.TYPE -> {
        ParameterStatus status = ParameterStatus.decode(f.body());
        if (status.name().equals("client_encoding")) {
          clientEncoding(status.value());
        } else if (status.name().equals("application_name")) {
          // drivers often SET it after startup; the gate should see the current value
          session =
              new GateSession(
                  session.sessionId(),
                  session.user(),
                  session.roles(),
                  session.database(),
                  status.value(),
                  session.remoteAddress());
        }
        sink.toClient(f.content());
      }
      default -> sink.toClient(f.content());
    }
  }
}

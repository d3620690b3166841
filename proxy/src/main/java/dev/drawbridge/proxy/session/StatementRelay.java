package dev.drawbridge.proxy.session;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.drawbridge.proxy.ProxyMetrics;
import dev.drawbridge.proxy.codec.ClientEncodings;
import dev.drawbridge.proxy.codec.Frame;
import dev.drawbridge.proxy.codec.FrameChunk;
import dev.drawbridge.proxy.codec.SqlState;
import dev.drawbridge.proxy.codec.Wire;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.GateSession;
import dev.drawbridge.proxy.gate.GateStatement;
import dev.drawbridge.proxy.gate.SessionGate;
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
import io.netty.buffer.ByteBufHolder;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.function.Consumer;
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

    /** Stop (true) or resume (false) reading from the client while a decision is pending. */
    void holdClient(boolean hold);

    /** Runs a task on the session's event loop (a deferred decision completes elsewhere). */
    void execute(Runnable task);

    /** Flushes what was queued for either side outside of a read batch. */
    void flush();
  }

  private final SessionGate gate;
  private final ProxyMetrics metrics;
  private final Sink sink;
  private final PendingDenials pendingDenials;
  private final boolean observesOutcomes;
  private GateSession session;
  private long readySent;
  private long readyReceived;
  private boolean discardUntilSync;
  private boolean unsynced;
  private boolean unsyncedBeforeParse; // whether the upstream awaited a Sync before this Parse
  private boolean copyIn;
  private char transactionStatus = 'I';

  /** A deferred gate decision is pending: client messages wait in {@link #waiting}. */
  private boolean deciding;

  /** The pending decision is about a Parse (not a Query). */
  private boolean deferredParse;

  private final ArrayDeque<ByteBufHolder> waiting = new ArrayDeque<>();
  private boolean closed;
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
    this(gate.open(session), metrics, session, markerPrefix, clientEncoding, sink);
  }

  /**
   * @param gate the session's gate, already open; the relay closes it
   * @param markerPrefix unguessable, unique per session; poison markers start with it
   * @param clientEncoding the session's client_encoding as the upstream reported it
   */
  StatementRelay(
      SessionGate gate,
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
    this.observesOutcomes = gate.observesOutcomes();
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
    return readyReceived >= readySent && !unsynced && !copyIn && !deciding;
  }

  /**
   * True when the client's next messages of relay-only types (Bind, Execute, Describe, Close,
   * Flush, Sync) may come as one run ({@link #fromClient(FrameChunk)}) instead of one frame each:
   * nothing is being discarded, decided or copied.
   */
  boolean acceptsRuns() {
    return !discardUntilSync && !deciding && !copyIn && !closed;
  }

  /** The session ended: releases waiting messages and closes the session's gate. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ByteBufHolder m : waiting) {
      m.release();
    }
    waiting.clear();
    try {
      gate.close();
    } catch (RuntimeException e) {
      log.warn("closing the session's gate failed", e);
    }
  }

  /**
   * True when the upstream has answered everything sent to it: every Query and Sync got its
   * ReadyForQuery, no extended-protocol message awaits a Sync and no COPY is running. Unlike {@link
   * #idle()}, a pending gate decision (whose statement has not been sent) does not count.
   */
  boolean upstreamCaughtUp() {
    // a Parse awaiting its decision was not sent: only what came before it counts
    boolean awaitsSync = deciding && deferredParse ? unsyncedBeforeParse : unsynced;
    return readyReceived >= readySent && !awaitsSync && !copyIn;
  }

  /** The session's client encoding, or null when the gateway cannot decode it. */
  Charset clientEncoding() {
    return clientEncoding;
  }

  /** The transaction status of the last ReadyForQuery: 'I', 'T' or 'E'. */
  char transactionStatus() {
    return transactionStatus;
  }

  GateSession session() {
    return session;
  }

  // ---------------------------------------------------------------- client to upstream

  /**
   * Bytes to relay without inspection: a run of complete relay-only messages (see {@link
   * #acceptsRuns()}), or a piece of a large CopyData. Takes ownership.
   */
  void fromClient(FrameChunk chunk) {
    if (deciding) {
      waiting.add(chunk);
      return;
    }
    if (chunk.isRun()) {
      ByteBuf run = chunk.content();
      int end = run.writerIndex();
      byte last = 0;
      for (int pos = run.readerIndex(); pos < end; pos += 1 + run.getInt(pos + 1)) {
        last = run.getByte(pos);
        if (last == Sync.TYPE) {
          readySent++;
          tellGateSync();
        }
      }
      unsynced = last != Sync.TYPE;
    }
    sink.toUpstream(chunk.content());
  }

  /** One client message; takes ownership of the frame. */
  void fromClient(Frame f) {
    if (deciding) {
      waiting.add(f);
      return;
    }
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
        unsyncedBeforeParse = unsynced;
        unsynced = true;
        onParse(f);
      }
      case Sync.TYPE -> {
        // the server ignores Sync during COPY IN: it produces no ReadyForQuery then
        if (!copyIn) {
          readySent++;
          discardUntilSync = false;
          unsynced = false;
          tellGateSync();
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
    GateDecision decision =
        check(new GateStatement(GateStatement.Protocol.SIMPLE_QUERY, "", query.sql()));
    if (decision instanceof GateDecision.Deferred deferred) {
      deferredParse = false;
      await(deferred, d -> actOnQuery(f, query, d), f);
    } else {
      actOnQuery(f, query, decision);
    }
  }

  private void actOnQuery(Frame f, Query query, GateDecision decision) {
    switch (decision) {
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
      case GateDecision.Deferred d -> throw new IllegalStateException("unresolved deferral");
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
    GateDecision decision =
        check(new GateStatement(GateStatement.Protocol.PARSE, parse.statementName(), parse.sql()));
    if (decision instanceof GateDecision.Deferred deferred) {
      deferredParse = true;
      await(deferred, d -> actOnParse(f, parse, d), f);
    } else {
      actOnParse(f, parse, decision);
    }
  }

  private void actOnParse(Frame f, Parse parse, GateDecision decision) {
    switch (decision) {
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
      case GateDecision.Deferred d -> throw new IllegalStateException("unresolved deferral");
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
      GateDecision d = gate.check(statement);
      if (d == null) {
        throw new IllegalStateException("the statement gate returned null");
      }
      return d;
    } catch (RuntimeException e) {
      log.warn("statement gate failed; denying the statement", e);
      return gateFailed();
    }
  }

  private static GateDecision.Deny gateFailed() {
    // fail closed
    return GateDecision.deny(
        SqlState.INTERNAL_ERROR, "the gateway could not check this statement", null, null);
  }

  /**
   * Holds the statement (and every later client message) until the deferred decision completes,
   * then acts on it on the event loop and goes on with the messages that waited.
   */
  private void await(GateDecision.Deferred deferred, Consumer<GateDecision> act, Frame held) {
    deciding = true;
    sink.holdClient(true);
    deferred
        .decision()
        .whenComplete(
            (decision, failure) ->
                sink.execute(
                    () -> {
                      if (closed) {
                        held.release();
                        return;
                      }
                      deciding = false;
                      act.accept(resolved(decision, failure));
                      drainWaiting();
                      sink.flush();
                    }));
  }

  private static GateDecision resolved(GateDecision decision, Throwable failure) {
    if (failure != null) {
      log.warn("statement gate failed; denying the statement", failure);
      return gateFailed();
    }
    if (decision == null || decision instanceof GateDecision.Deferred) {
      log.warn("statement gate completed with {}; denying the statement", decision);
      return gateFailed();
    }
    return decision;
  }

  private void drainWaiting() {
    while (!deciding && !closed) {
      ByteBufHolder next = waiting.poll();
      if (next == null) {
        sink.holdClient(false);
        return;
      }
      switch (next) {
        case Frame f -> fromClient(f);
        case FrameChunk c -> fromClient(c);
        default -> throw new IllegalStateException("unexpected " + next);
      }
    }
  }

  private void tellGate(char status, boolean caughtUp) {
    try {
      gate.readyForQuery(status, caughtUp);
    } catch (RuntimeException e) {
      log.warn("the statement gate failed on ReadyForQuery", e);
    }
  }

  // ---------------------------------------------------------------- upstream to client

  private static final byte COMMAND_COMPLETE = 'C';
  private static final byte EMPTY_QUERY_RESPONSE = 'I';

  /**
   * A run of relay-only upstream messages about to pass to the client unread: tells the gate about
   * the CommandComplete and EmptyQueryResponse messages in it. Does not take ownership.
   */
  void observeUpstreamRun(ByteBuf run) {
    if (!observesOutcomes) {
      return;
    }
    int end = run.writerIndex();
    for (int pos = run.readerIndex(); pos + 5 <= end; pos += 1 + run.getInt(pos + 1)) {
      byte type = run.getByte(pos);
      if (type == COMMAND_COMPLETE || type == EMPTY_QUERY_RESPONSE) {
        int length = run.getInt(pos + 1);
        observeOutcome(type, run.slice(pos + 5, length - 4));
      }
    }
  }

  private void observeOutcome(byte type, ByteBuf body) {
    if (!observesOutcomes) {
      return;
    }
    try {
      if (type == COMMAND_COMPLETE) {
        gate.commandComplete(Wire.readCString(body.duplicate()));
      } else {
        gate.emptyQuery();
      }
    } catch (RuntimeException e) {
      log.warn("the statement gate failed on a statement's outcome", e);
    }
  }

  private void tellGateFailed(String sqlState) {
    if (!observesOutcomes) {
      return;
    }
    try {
      gate.statementFailed(sqlState);
    } catch (RuntimeException e) {
      log.warn("the statement gate failed on a statement's error", e);
    }
  }

  private void tellGateSync() {
    if (!observesOutcomes) {
      return;
    }
    try {
      gate.sync();
    } catch (RuntimeException e) {
      log.warn("the statement gate failed on Sync", e);
    }
  }

  /** One upstream message; takes ownership of the frame. */
  void fromUpstream(Frame f) {
    switch (f.type()) {
      case ErrorResponse.TYPE -> {
        copyIn = false;
        if (!pendingDenials.isEmpty()) {
          GateDecision.Deny d = pendingDenials.take(ErrorResponse.decode(f.body()).message());
          if (d != null) {
            f.release();
            tellGateFailed(d.sqlState());
            sink.toClient(
                ErrorResponse.error(d.sqlState(), d.message(), d.detail(), d.hint())
                    .encode(sink.alloc()));
            return;
          }
        }
        if (observesOutcomes) {
          tellGateFailed(ErrorResponse.decode(f.body()).sqlState());
        }
        sink.toClient(f.content());
      }
      case COMMAND_COMPLETE, EMPTY_QUERY_RESPONSE -> {
        observeOutcome(f.type(), f.body());
        sink.toClient(f.content());
      }
      case ReadyForQuery.TYPE -> {
        transactionStatus = ReadyForQuery.decode(f.body()).transactionStatus();
        readyReceived++;
        copyIn = false;
        pendingDenials.readyReceived(readyReceived);
        tellGate(transactionStatus, readyReceived >= readySent && !unsynced);
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
          // drivers often SET it after startup
          session = session.withApplicationName(status.value());
        }
        try {
          gate.parameterStatus(status.name(), status.value());
        } catch (RuntimeException e) {
          log.warn("the statement gate failed on ParameterStatus {}", status.name(), e);
        }
        sink.toClient(f.content());
      }
      default -> sink.toClient(f.content());
    }
  }
}

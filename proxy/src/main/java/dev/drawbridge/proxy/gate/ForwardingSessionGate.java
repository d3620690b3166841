package dev.drawbridge.proxy.gate;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A session gate that hands every call to another one. Gates that wrap another (to record the
 * session, say) extend this and override only what they add, so that a method added to {@link
 * SessionGate} later reaches the wrapped gate instead of silently falling back to its default.
 */
public abstract class ForwardingSessionGate implements SessionGate {

  /** The wrapped gate. */
  protected final SessionGate delegate;

  protected ForwardingSessionGate(SessionGate delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public GateDecision check(GateStatement statement) {
    return delegate.check(statement);
  }

  @Override
  public void parameterStatus(String name, String value) {
    delegate.parameterStatus(name, value);
  }

  @Override
  public void readyForQuery(char transactionStatus, boolean caughtUp) {
    delegate.readyForQuery(transactionStatus, caughtUp);
  }

  @Override
  public Map<String, String> upstreamParameters() {
    return delegate.upstreamParameters();
  }

  @Override
  public Optional<UpstreamCredential> upstreamLogin() {
    return delegate.upstreamLogin();
  }

  @Override
  public boolean observesOutcomes() {
    return delegate.observesOutcomes();
  }

  @Override
  public void commandComplete(String tag) {
    delegate.commandComplete(tag);
  }

  @Override
  public void statementFailed(String sqlState) {
    delegate.statementFailed(sqlState);
  }

  @Override
  public void emptyQuery() {
    delegate.emptyQuery();
  }

  @Override
  public void sync() {
    delegate.sync();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

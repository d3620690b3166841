package dev.drawbridge.gateway.runtime;

import dev.drawbridge.gateway.config.PasswordVerifiers;
import dev.drawbridge.proxy.gate.GateDecision;
import dev.drawbridge.proxy.gate.StatementGate;

/**
 * TEMPORARY: the two pieces the proxy module is about to provide, in the one place they are
 * referenced. Replace with {@code dev.drawbridge.proxy.gate.RecordingStatementGate::new} and {@code
 * dev.drawbridge.proxy.auth.ScramVerifiers::create} when they land on main, then delete this class.
 */
public final class PendingProxyFeatures {

  private PendingProxyFeatures() {}

  /** Allows every statement (stand-in for the proxy's RecordingStatementGate). */
  public static StatementGate allowAllGate() {
    return (session, statement) -> GateDecision.allow();
  }

  /** Makes {@link #allowAllGate()} gates (stand-in for {@code RecordingStatementGate::new}). */
  public static GateFactory gateFactory() {
    return (meters, clock) -> allowAllGate();
  }

  /** Converting plaintext passwords is not available until the proxy's ScramVerifiers lands. */
  public static PasswordVerifiers scramVerifiers() {
    return password -> {
      throw new UnsupportedOperationException(
          "this build cannot convert plaintext passwords yet (it waits for the proxy's"
              + " ScramVerifiers).");
    };
  }
}

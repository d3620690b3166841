package dev.drawbridge.proxy.codec;

import io.netty.handler.codec.DecoderException;

/**
 * Input that breaks the protocol. The session answers it with a FATAL ErrorResponse carrying this
 * SQLSTATE and message, then closes the connection.
 */
public final class ProtocolViolationException extends DecoderException {

  private final String sqlState;

  public ProtocolViolationException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}

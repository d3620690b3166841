package dev.drawbridge.gateway.store;

/** The state store cannot be reached or a statement against it failed. */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

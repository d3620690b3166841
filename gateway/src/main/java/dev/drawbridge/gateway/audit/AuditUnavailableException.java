package dev.drawbridge.gateway.audit;

/** An event could not be made durable, so what it records must not happen. */
public final class AuditUnavailableException extends RuntimeException {

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditUnavailableException(String message) {
    super(message);
  }
}

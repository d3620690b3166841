package dev.drawbridge.gateway.plan;

/** The facts file cannot be read or does not follow its format; the message names the JSON path. */
public final class FactsFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public FactsFileException(String message) {
    super(message);
  }

  public FactsFileException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.drawbridge.proxy.auth;

/** A SCRAM exchange failed; carries the SQLSTATE and PostgreSQL's wording for the client. */
public final class ScramException extends Exception {

  private final String sqlState;
  private final String detail;

  public ScramException(String sqlState, String message, String detail) {
    super(message);
    this.sqlState = sqlState;
    this.detail = detail;
  }

  public String sqlState() {
    return sqlState;
  }

  public String detail() {
    return detail;
  }
}

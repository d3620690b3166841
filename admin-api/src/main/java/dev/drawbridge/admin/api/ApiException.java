package dev.drawbridge.admin.api;

/**
 * A request the API refuses, with the HTTP status and a message for the caller. The router turns it
 * into {@code {"error":{"status":…,"code":…,"message":…}}}.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }
}

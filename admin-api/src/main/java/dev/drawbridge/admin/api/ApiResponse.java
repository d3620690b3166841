package dev.drawbridge.admin.api;

/**
 * What a route answers: a status and a value the router writes as JSON.
 *
 * @param status the HTTP status
 * @param body serialized with Jackson; null for an empty body (204)
 */
public record ApiResponse(int status, Object body) {

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }
}

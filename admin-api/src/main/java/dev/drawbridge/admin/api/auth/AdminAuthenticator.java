package dev.drawbridge.admin.api.auth;

import dev.drawbridge.admin.api.AdminPrincipal;
import dev.drawbridge.admin.api.ApiException;
import java.net.InetSocketAddress;

/** Turns a request's Authorization header into the caller, or refuses with 401. */
@FunctionalInterface
public interface AdminAuthenticator {

  /**
   * @param authorization the Authorization header, or null when there is none
   * @param remote the caller's address
   * @return the caller
   * @throws ApiException with status 401 when the credentials are missing or wrong
   */
  AdminPrincipal authenticate(String authorization, InetSocketAddress remote);
}

package dev.drawbridge.admin.api.auth;

import dev.drawbridge.admin.api.AdminPrincipal;
import java.util.Optional;

/** Checks a local user's password (the gateway checks it against the user's SCRAM verifier). */
@FunctionalInterface
public interface PasswordCheck {

  /** The user when the password is right; empty when the user is unknown or the password wrong. */
  Optional<AdminPrincipal> check(String user, String password);
}

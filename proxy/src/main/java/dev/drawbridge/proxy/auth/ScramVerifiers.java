package dev.drawbridge.proxy.auth;

import java.security.SecureRandom;

/**
 * Creates SCRAM-SHA-256 verifiers in PostgreSQL's format, so that passwords are never stored. Used
 * by the gateway for {@code --user NAME:PASSWORD:ROLE}.
 */
public final class ScramVerifiers {

  /** PostgreSQL's default iteration count ({@code scram_iterations}). */
  public static final int DEFAULT_ITERATIONS = 4096;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ScramVerifiers() {}

  /** A verifier with a random 16-byte salt and 4096 iterations. */
  public static String create(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return create(password, salt, DEFAULT_ITERATIONS);
  }

  /** A verifier with the given salt and iteration count (deterministic, for tests). */
  public static String create(String password, byte[] salt, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    byte[] salted = Scram.saltedPassword(password, salt, iterations);
    byte[] clientKey = Scram.hmac(salted, "Client Key");
    byte[] storedKey = Scram.sha256(clientKey);
    byte[] serverKey = Scram.hmac(salted, "Server Key");
    return new ScramVerifier(iterations, salt, storedKey, serverKey).format();
  }
}

package dev.drawbridge.gateway.config;

/** Turns a plaintext password into a SCRAM-SHA-256 verifier in PostgreSQL's format. */
@FunctionalInterface
public interface PasswordVerifiers {

  /**
   * Computes a verifier ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}).
   *
   * @throws UnsupportedOperationException when this build cannot compute verifiers
   */
  String fromPlaintext(String password);
}

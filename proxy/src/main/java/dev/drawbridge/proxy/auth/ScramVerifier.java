package dev.drawbridge.proxy.auth;

import java.util.Base64;

/**
 * A parsed SCRAM-SHA-256 verifier, PostgreSQL's {@code
 * SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 parts).
 *
 * @param iterations PBKDF2 iteration count
 * @param salt the salt
 * @param storedKey H(ClientKey)
 * @param serverKey HMAC(SaltedPassword, "Server Key")
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

  public ScramVerifier {
    salt = salt.clone();
    storedKey = storedKey.clone();
    serverKey = serverKey.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  /**
   * Parses PostgreSQL's verifier format.
   *
   * @throws IllegalArgumentException when the text is not a SCRAM-SHA-256 verifier
   */
  public static ScramVerifier parse(String text) {
    String prefix = "SCRAM-SHA-256$";
    try {
      if (!text.startsWith(prefix)) {
        throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
      }
      String[] parts = text.substring(prefix.length()).split("\\$", -1);
      String[] iterSalt = parts[0].split(":", -1);
      String[] keys = parts[1].split(":", -1);
      if (parts.length != 2 || iterSalt.length != 2 || keys.length != 2) {
        throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier");
      }
      int iterations = Integer.parseInt(iterSalt[0]);
      Base64.Decoder d = Base64.getDecoder();
      ScramVerifier v =
          new ScramVerifier(
              iterations, d.decode(iterSalt[1]), d.decode(keys[0]), d.decode(keys[1]));
      if (iterations < 1 || v.storedKey.length != 32 || v.serverKey.length != 32) {
        throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier");
      }
      return v;
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("malformed SCRAM-SHA-256 verifier", e);
    }
  }

  /** The verifier in PostgreSQL's text format. */
  /**
   * True when this is the verifier of that password (for logins that send the password itself, such
   * as the admin API's Basic authentication). Compares in constant time.
   */
  public boolean matches(String password) {
    byte[] salted = Scram.saltedPassword(password, salt, iterations);
    byte[] candidate = Scram.sha256(Scram.hmac(salted, "Client Key"));
    return java.security.MessageDigest.isEqual(candidate, storedKey);
  }

  public String format() {
    return "SCRAM-SHA-256$"
        + iterations
        + ":"
        + Scram.b64(salt)
        + "$"
        + Scram.b64(storedKey)
        + ":"
        + Scram.b64(serverKey);
  }

  @Override
  public String toString() {
    return "ScramVerifier[iterations=" + iterations + "]";
  }
}

package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.codec.SqlState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** The client side of SCRAM-SHA-256 without channel binding, used to log in upstream. */
public final class ScramClientExchange {

  private final String password;
  private final String clientNonce;
  private String clientFirstBare;
  private byte[] expectedServerSignature;

  public ScramClientExchange(String password, SecureRandom random) {
    this.password = password;
    this.clientNonce = Scram.nonce(random);
  }

  /** The client-first-message ({@code n,,n=,r=nonce}); PostgreSQL ignores the SCRAM user name. */
  public byte[] clientFirst() {
    clientFirstBare = "n=,r=" + clientNonce;
    return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
  }

  /** Answers the server-first-message with the client-final-message. */
  public byte[] clientFinal(byte[] serverFirstMessage) throws ScramException {
    String serverFirst = new String(serverFirstMessage, StandardCharsets.UTF_8);
    String nonce = null;
    byte[] salt = null;
    int iterations = -1;
    try {
      for (String attr : serverFirst.split(",")) {
        if (attr.startsWith("r=")) {
          nonce = attr.substring(2);
        } else if (attr.startsWith("s=")) {
          salt = Base64.getDecoder().decode(attr.substring(2));
        } else if (attr.startsWith("i=")) {
          iterations = Integer.parseInt(attr.substring(2));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ScramException(
          SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message from upstream", null);
    }
    if (nonce == null || salt == null || iterations < 1 || !nonce.startsWith(clientNonce)) {
      throw new ScramException(
          SqlState.PROTOCOL_VIOLATION, "malformed SCRAM message from upstream", null);
    }
    byte[] salted = Scram.saltedPassword(password, salt, iterations);
    byte[] clientKey = Scram.hmac(salted, "Client Key");
    byte[] storedKey = Scram.sha256(clientKey);
    byte[] serverKey = Scram.hmac(salted, "Server Key");
    String withoutProof = "c=biws,r=" + nonce;
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] proof = Scram.xor(clientKey, Scram.hmac(storedKey, authMessage));
    expectedServerSignature = Scram.hmac(serverKey, authMessage);
    return (withoutProof + ",p=" + Scram.b64(proof)).getBytes(StandardCharsets.UTF_8);
  }

  /** Checks the server-final-message: the upstream must prove it knows the verifier too. */
  public void verifyServerFinal(byte[] serverFinalMessage) throws ScramException {
    String msg = new String(serverFinalMessage, StandardCharsets.UTF_8);
    byte[] signature = null;
    if (msg.startsWith("v=")) {
      try {
        signature = Base64.getDecoder().decode(msg.substring(2).split(",")[0]);
      } catch (IllegalArgumentException e) {
        signature = null;
      }
    }
    if (signature == null
        || expectedServerSignature == null
        || !MessageDigest.isEqual(signature, expectedServerSignature)) {
      throw new ScramException(
          SqlState.INVALID_PASSWORD, "upstream server signature is invalid", null);
    }
  }
}

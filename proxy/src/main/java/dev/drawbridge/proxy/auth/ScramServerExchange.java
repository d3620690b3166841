package dev.drawbridge.proxy.auth;

import dev.drawbridge.proxy.codec.SqlState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (no channel binding): checks a client's proof
 * against a stored verifier. Accepts the gs2 flags {@code n} and {@code y}; refuses {@code p},
 * since channel binding cannot cross a TLS-terminating proxy and SCRAM-SHA-256-PLUS is never
 * offered.
 */
public final class ScramServerExchange {

  private static final String MALFORMED = "malformed SCRAM message";

  private final ScramVerifier verifier;
  private final SecureRandom random;
  private String gs2Header;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;

  public ScramServerExchange(ScramVerifier verifier, SecureRandom random) {
    this.verifier = verifier;
    this.random = random;
  }

  /** Handles the client-first-message and returns the server-first-message. */
  public byte[] serverFirst(byte[] clientFirstMessage) throws ScramException {
    String msg = new String(clientFirstMessage, StandardCharsets.UTF_8);
    if (msg.isEmpty()) {
      throw malformed("The message is empty.");
    }
    char flag = msg.charAt(0);
    int pos;
    if (flag == 'n' || flag == 'y') {
      pos = 1;
    } else if (flag == 'p') {
      throw malformed(
          "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message"
              + " includes channel binding data.");
    } else {
      throw malformed("Unexpected channel-binding flag \"" + flag + "\".");
    }
    if (msg.length() <= pos || msg.charAt(pos) != ',') {
      throw malformed("Comma expected, but found character \"" + at(msg, pos) + "\".");
    }
    pos++;
    if (msg.length() > pos && msg.charAt(pos) == 'a') {
      throw new ScramException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "client uses authorization identity, but it is not supported",
          null);
    }
    if (msg.length() <= pos || msg.charAt(pos) != ',') {
      throw malformed("Comma expected, but found character \"" + at(msg, pos) + "\".");
    }
    pos++;
    gs2Header = msg.substring(0, pos);
    clientFirstBare = msg.substring(pos);
    String[] attrs = clientFirstBare.split(",", -1);
    if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
      throw malformed("Expected attributes \"n\" and \"r\".");
    }
    String clientNonce = attrs[1].substring(2);
    if (clientNonce.isEmpty()) {
      throw malformed("The client nonce is empty.");
    }
    nonce = clientNonce + Scram.nonce(random);
    serverFirst = "r=" + nonce + ",s=" + Scram.b64(verifier.salt()) + ",i=" + verifier.iterations();
    return serverFirst.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Handles the client-final-message and returns the server-final-message.
   *
   * @throws ScramException with SQLSTATE 28P01 when the proof is wrong
   */
  public byte[] serverFinal(byte[] clientFinalMessage, String user) throws ScramException {
    if (serverFirst == null) {
      throw malformed("Unexpected message.");
    }
    String msg = new String(clientFinalMessage, StandardCharsets.UTF_8);
    int proofAt = msg.lastIndexOf(",p=");
    if (proofAt < 0) {
      throw malformed("Expected attribute \"p\".");
    }
    String withoutProof = msg.substring(0, proofAt);
    String[] attrs = withoutProof.split(",", -1);
    if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
      throw malformed("Expected attributes \"c\" and \"r\".");
    }
    String expectedBinding =
        Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!attrs[0].substring(2).equals(expectedBinding)) {
      throw new ScramException(
          SqlState.PROTOCOL_VIOLATION, "SCRAM channel binding check failed", null);
    }
    if (!attrs[1].substring(2).equals(nonce)) {
      throw malformed("Nonce does not match.");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(msg.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      throw malformed("Malformed proof in client-final-message.");
    }
    if (proof.length != 32) {
      throw malformed("Malformed proof in client-final-message.");
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] clientSignature = Scram.hmac(verifier.storedKey(), authMessage);
    byte[] clientKey = Scram.xor(proof, clientSignature);
    if (!MessageDigest.isEqual(Scram.sha256(clientKey), verifier.storedKey())) {
      throw new ScramException(
          SqlState.INVALID_PASSWORD,
          "password authentication failed for user \"" + user + "\"",
          null);
    }
    byte[] serverSignature = Scram.hmac(verifier.serverKey(), authMessage);
    return ("v=" + Scram.b64(serverSignature)).getBytes(StandardCharsets.UTF_8);
  }

  private static String at(String s, int pos) {
    return pos < s.length() ? String.valueOf(s.charAt(pos)) : "";
  }

  private static ScramException malformed(String detail) {
    return new ScramException(SqlState.PROTOCOL_VIOLATION, MALFORMED, detail);
  }
}

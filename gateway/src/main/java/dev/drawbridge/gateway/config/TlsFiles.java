package dev.drawbridge.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the TLS certificate chain and private key the way the proxy will, so that a wrong file is a
 * configuration error with a hint instead of a failure at startup.
 */
final class TlsFiles {

  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private TlsFiles() {}

  /** What is wrong with the certificate file, if anything. */
  static Optional<String> certificateProblem(Path cert) {
    try (InputStream in = Files.newInputStream(cert)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        return Optional.of(noCertificate(cert));
      }
      return Optional.empty();
    } catch (IOException | GeneralSecurityException e) {
      return Optional.of(noCertificate(cert));
    }
  }

  private static String noCertificate(Path cert) {
    return "TLS certificate "
        + cert.toAbsolutePath()
        + " holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks, server"
        + " certificate first).";
  }

  /** What is wrong with the private key file, if anything. */
  static Optional<String> keyProblem(Path key) {
    String pem;
    try {
      pem = Files.readString(key, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return Optional.of("Cannot read TLS key " + key.toAbsolutePath() + ": " + e.getMessage());
    }
    String where = "TLS key " + key.toAbsolutePath();
    if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")
        || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
      return Optional.of(
          where
              + " is in the traditional (PKCS#1/SEC1) format; the gateway reads PKCS#8. Convert"
              + " it: openssl pkcs8 -topk8 -nocrypt -in "
              + key
              + " -out server.pk8.key");
    }
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      return Optional.of(
          where
              + " is encrypted; give an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt)"
              + " and protect the file with permissions instead.");
    }
    int begin = pem.indexOf(PKCS8_BEGIN);
    int end = pem.indexOf(PKCS8_END);
    if (begin < 0 || end < begin) {
      return Optional.of(where + " holds no -----BEGIN PRIVATE KEY----- block (PKCS#8 PEM).");
    }
    byte[] der;
    try {
      der =
          Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end).strip());
    } catch (IllegalArgumentException e) {
      return Optional.of(where + " is not valid PEM (bad base64).");
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        return Optional.empty();
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    return Optional.of(where + " is not an RSA, EC or Ed25519 PKCS#8 private key.");
  }
}

package dev.drawbridge.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static byte[] pemBody(Path file, String type) throws Exception {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN " + type + "-----\n");
    assertThat(pem).endsWith("-----END " + type + "-----\n");
    String body =
        pem.replace("-----BEGIN " + type + "-----", "")
            .replace("-----END " + type + "-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  @Test
  void writesAPemCertificateAndPkcs8KeyThatMakeAWorkingSslContext(@TempDir Path dir)
      throws Exception {
    SelfSignedCertificate.CertificateFiles files =
        SelfSignedCertificate.generate(dir, Clock.fixed(NOW, ZoneOffset.UTC));

    X509Certificate cert;
    try (InputStream in = Files.newInputStream(files.certificate())) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    PrivateKey key =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(pemBody(files.privateKey(), "PRIVATE KEY")));

    cert.checkValidity(Date.from(NOW));
    cert.checkValidity(Date.from(NOW.plus(SelfSignedCertificate.VALIDITY).minusSeconds(60)));
    cert.verify(cert.getPublicKey());
    assertThat(cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))))
        .contains("localhost", "127.0.0.1");
    assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    assertThat(Files.getPosixFilePermissions(files.privateKey()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry("demo", key, new char[0], new X509Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, new char[0]);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("demo", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);

    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  int b = s.getInputStream().read();
                  s.getOutputStream().write(b + 1);
                  return b;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try (SSLSocket s =
          (SSLSocket)
              client.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
        var params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        OutputStream out = s.getOutputStream();
        out.write(41);
        out.flush();
        assertThat(s.getInputStream().read()).isEqualTo(42);
        assertThat(s.getSession().getPeerCertificates()).hasSize(1);
      }
      assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo(41);
    }
    assertThat(List.of(dir.toFile().list())).containsExactlyInAnyOrder("server.crt", "server.key");
  }
}

package dev.drawbridge.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TlsIT {

  private static Connection connect(ProxyFixture proxy, String sslmode) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", proxy.pg.superuser());
    p.setProperty("sslmode", sslmode);
    String url =
        "jdbc:postgresql://127.0.0.1:" + proxy.address.getPort() + "/" + proxy.pg.database();
    return DriverManager.getConnection(url, p);
  }

  @Test
  void sslModeRequireWithSelfSignedCertificate(TestPostgres pg) throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.builder().fqdn("localhost").build();
    try (ProxyFixture proxy =
        new ProxyFixture(
            pg,
            (s, st) -> dev.drawbridge.proxy.gate.GateDecision.allow(),
            b ->
                b.tls(
                    new ProxyConfig.Tls(
                        cert.certificate().toPath(), cert.privateKey().toPath())))) {
      try (Connection c = connect(proxy, "require");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT repeat('y', 100000)")) {
        rs.next();
        assertThat(rs.getString(1)).hasSize(100000);
      }
    } finally {
      cert.delete();
    }
  }

  @Test
  void withoutTlsTheProxyAnswersNo(TestPostgres pg) throws Exception {
    try (ProxyFixture proxy = new ProxyFixture(pg)) {
      assertThatThrownBy(() -> connect(proxy, "require").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("SSL");
      try (Connection c = connect(proxy, "prefer")) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
  }
}

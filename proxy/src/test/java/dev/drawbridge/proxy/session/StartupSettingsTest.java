package dev.drawbridge.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupSettingsTest {

  private static List<String> statements(Map<String, String> parameters) throws Exception {
    return StartupSettings.of(parameters).stream()
        .map(StartupSettings.Setting::asSetStatement)
        .toList();
  }

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void plainParametersAndOptionsBecomeSetStatementsInOrder() throws Exception {
    assertThat(
            statements(
                params(
                    "user", "alice",
                    "database", "app",
                    "application_name", "psql",
                    "TimeZone", "UTC",
                    "myapp.Tenant", "it's",
                    "options", "-c search_path=a,b --work-mem=64MB -crole=admin")))
        .containsExactly(
            "SET application_name TO 'psql'",
            "SET timezone TO 'UTC'",
            "SET myapp.tenant TO 'it''s'",
            "SET search_path TO 'a,b'",
            "SET work_mem TO '64MB'",
            "SET role TO 'admin'");
  }

  @Test
  void backslashEscapesWhitespaceInOptions() throws Exception {
    assertThat(StartupSettings.split("  -c  a=x\\ y\\\\z -c b=1 "))
        .containsExactly("-c", "a=x y\\z", "-c", "b=1");
    assertThat(statements(params("options", "-c application_name=my\\ app")))
        .containsExactly("SET application_name TO 'my app'");
  }

  @Test
  void switchesTheGatewayCannotJudgeAreRefused() {
    assertThatThrownBy(() -> StartupSettings.of(params("options", "-B 100")))
        .hasMessageContaining("only -c name=value");
    assertThatThrownBy(() -> StartupSettings.of(params("options", "-c")))
        .hasMessageContaining("needs name=value");
    assertThatThrownBy(() -> StartupSettings.of(params("options", "-c role")))
        .hasMessageContaining("name=value");
    assertThatThrownBy(() -> StartupSettings.of(params("options", "--=x")))
        .hasMessageContaining("name=value");
    assertThatThrownBy(() -> StartupSettings.of(params("a b", "x")))
        .hasMessageContaining("invalid parameter name");
    assertThatThrownBy(() -> StartupSettings.of(params("options", "-c \"role\"=x")))
        .hasMessageContaining("invalid parameter name");
    assertThatThrownBy(() -> StartupSettings.of(params("options", "-c a..b=x")))
        .hasMessageContaining("invalid parameter name");
  }

  @Test
  void connectionParametersAreNotSettings() throws Exception {
    assertThat(
            statements(
                params("user", "u", "database", "d", "replication", "database", "options", "")))
        .isEmpty();
  }
}

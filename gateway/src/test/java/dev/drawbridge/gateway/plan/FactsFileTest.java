package dev.drawbridge.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.NotNullCheck;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.Volatility;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactsFileTest {

  private static final String EXAMPLE =
      """
      {"server_version":"15.4","settings":{"TimeZone":"UTC"},
       "tables":{"users":{"rows":50000000,"partitioned":false,"created_in_transaction":false,
         "columns":{"name":{"type":"varchar(50)","not_null":false,
           "check_constraints":["users_name_check"],"not_null_check":"valid"}}},
         "app.orders":{"rows":10,"size_bytes":8192,"primary_key":["id"],
           "indexes":{"orders_pkey":{"columns":["id"],"unique":true}},
           "foreign_keys":{"orders_user_fk":"users"}},
         "*":{"rows":0}},
       "functions":{"my_fn":{"volatility":"volatile","inlinable":false}},
       "domains":{"positive_int":{"has_constraints":true}},
       "enums":["mood"],
       "partitions":{"measurements_2027":{"bound_check_validated":true}}}
      """;

  @Test
  void readsTheDocumentedExample() throws Exception {
    CatalogFacts f = FactsFile.parse(EXAMPLE, Optional.empty());
    assertThat(f.version()).contains(new PgVersion(15, 4));
    assertThat(f.setting("timezone")).contains("UTC");
    var users = f.table(QualifiedName.of("users"), List.of("public"));
    assertThat(users.estimatedRows()).hasValue(50_000_000);
    assertThat(users.column("name").orElseThrow().notNullCheck()).isEqualTo(NotNullCheck.VALID);
    assertThat(users.column("name").orElseThrow().checks()).hasSize(1);
    var orders = f.table(QualifiedName.of("app", "orders"), List.of("public"));
    assertThat(orders.primaryKey()).containsExactly("id");
    assertThat(orders.foreignKeys()).containsEntry("orders_user_fk", QualifiedName.of("users"));
    assertThat(f.table(QualifiedName.of("other"), List.of("public")).isEmpty()).isTrue();
    assertThat(f.function(QualifiedName.of("my_fn")).orElseThrow().volatility())
        .isEqualTo(Volatility.VOLATILE);
    assertThat(f.type("positive_int").orElseThrow().hasConstraints()).isTrue();
    assertThat(f.type("mood")).isPresent();
    assertThat(
            f.partition(QualifiedName.of("measurements_2027")).orElseThrow().boundCheckValidated())
        .isTrue();
  }

  @Test
  void versionFlagOverridesTheFile() throws Exception {
    CatalogFacts f = FactsFile.parse(EXAMPLE, Optional.of(PgVersion.of(10)));
    assertThat(f.version()).contains(PgVersion.of(10));
  }

  @Test
  void errorsNameTheirPath() {
    assertThatThrownBy(() -> FactsFile.parse("{\"tabels\":{}}", Optional.empty()))
        .hasMessageStartingWith("$.tabels: unknown key");
    assertThatThrownBy(
            () ->
                FactsFile.parse(
                    "{\"tables\":{\"t\":{\"columns\":{\"c\":{\"type\":\"int\",\"nul\":1}}}}}",
                    Optional.empty()))
        .hasMessageStartingWith("$.tables.t.columns.c.nul: unknown key");
    assertThatThrownBy(
            () -> FactsFile.parse("{\"tables\":{\"t\":{\"rows\":-1}}}", Optional.empty()))
        .hasMessageContaining("$.tables.t.rows");
    assertThatThrownBy(() -> FactsFile.parse("{\"server_version\":\"x\"}", Optional.empty()))
        .hasMessageContaining("$.server_version");
    assertThatThrownBy(
            () ->
                FactsFile.parse(
                    "{\"functions\":{\"f\":{\"volatility\":\"sometimes\"}}}", Optional.empty()))
        .hasMessageContaining("$.functions.f.volatility");
    assertThatThrownBy(() -> FactsFile.parse("[1]", Optional.empty()))
        .hasMessageContaining("$: expected an object");
    assertThatThrownBy(() -> FactsFile.parse("{", Optional.empty()))
        .hasMessageContaining("not valid JSON");
  }
}

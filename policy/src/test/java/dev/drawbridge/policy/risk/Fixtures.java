package dev.drawbridge.policy.risk;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.CheckFacts;
import dev.drawbridge.policy.facts.ColumnFacts;
import dev.drawbridge.policy.facts.FunctionFacts;
import dev.drawbridge.policy.facts.IndexFacts;
import dev.drawbridge.policy.facts.NotNullCheck;
import dev.drawbridge.policy.facts.PartitionFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.facts.TableFacts;
import dev.drawbridge.policy.facts.TypeFacts;
import dev.drawbridge.policy.facts.Volatility;
import java.util.List;
import java.util.Optional;

/** The catalog the table tests and golden files run against (see risk/README.md). */
public final class Fixtures {
  private Fixtures() {}

  public static CatalogFacts catalog(PgVersion version) {
    return base().version(version).build();
  }

  /** No version known. */
  public static CatalogFacts catalogWithoutVersion() {
    return base().build();
  }

  private static CatalogFacts.Builder base() {
    return CatalogFacts.builder()
        .setting("TimeZone", "Europe/Berlin")
        .table(
            "orders",
            TableFacts.builder()
                .rows(5_000_000)
                .sizeBytes(2_000_000_000L)
                .primaryKey("id")
                .column("id", "bigint", true)
                .column(
                    ColumnFacts.of("qty", "integer", false)
                        .withChecks(new CheckFacts("orders_qty_check", "CHECK ((qty > 0))", true)))
                .column("note", "character varying(50)", false)
                .column("amount", "numeric(10,2)", false)
                .column("created_at", "timestamp without time zone", false)
                .column("status", "text", false)
                .column("user_id", "bigint", false)
                .column("code", "character varying(20)", false)
                .column("price", "integer", true)
                .column("addr", "cidr", false)
                .column(
                    ColumnFacts.of("sku", "character varying(10)", false)
                        .withChecks(
                            new CheckFacts(
                                "orders_sku_check", "CHECK ((length((sku)::text) > 2))", true)))
                .column("flag", "character(1)", false)
                .foreignKey("orders_users_fk", "users")
                .index(new IndexFacts("orders_pkey", List.of("id"), true, true))
                .index(new IndexFacts("orders_code_idx", List.of("code"), false, false))
                .index(new IndexFacts("orders_code_uidx", List.of("code"), true, true))
                .build())
        .table(
            "users",
            TableFacts.builder()
                .rows(1_000_000)
                .primaryKey("id")
                .column("id", "bigint", true)
                .column(ColumnFacts.of("email", "text", false).withNotNullCheck(NotNullCheck.VALID))
                .column(
                    ColumnFacts.of("phone", "text", false).withNotNullCheck(NotNullCheck.NOT_VALID))
                .column("name", "text", false)
                .column("login", "text", true)
                .index(new IndexFacts("users_email_idx", List.of("email"), true, true))
                .index(new IndexFacts("users_login_idx", List.of("login"), true, true))
                .build())
        .table(
            "staging.orders",
            TableFacts.builder().rows(0).sizeBytes(8192).column("id", "bigint", true).build())
        .table(
            "audit.log", TableFacts.builder().rows(20_000_000).column("id", "bigint", true).build())
        .table(
            "empty_t",
            TableFacts.builder().rows(0).sizeBytes(16384).column("id", "bigint", true).build())
        .table(
            "stale_t",
            TableFacts.builder()
                .rows(0)
                .sizeBytes(5_000_000_000L)
                .column("id", "bigint", true)
                .build())
        .table("new_t", TableFacts.builder().createdInThisTransaction().build())
        .table(
            "events",
            TableFacts.builder()
                .rows(10_000_000)
                .partitioned(
                    List.of(QualifiedName.of("events_2024"), QualifiedName.of("events_2025")),
                    List.of("created_at"))
                .column("created_at", "timestamp with time zone", true)
                .build())
        .table("events_2026", TableFacts.builder().rows(100_000).build())
        .table("events_2027", TableFacts.builder().rows(100_000).build())
        .table("events_2028", TableFacts.builder().rows(0).sizeBytes(8192).build())
        .partition(new PartitionFacts(QualifiedName.of("events_2026"), false))
        .partition(new PartitionFacts(QualifiedName.of("events_2027"), true))
        .function(new FunctionFacts("my_sql_fn", Volatility.VOLATILE, true))
        .function(new FunctionFacts("my_plpgsql_fn", Volatility.VOLATILE, false))
        .function("my_stable_fn", Volatility.STABLE)
        .function("my_immutable_fn", Volatility.IMMUTABLE)
        .function("next_ref", Volatility.VOLATILE)
        .type(TypeFacts.domain("positive_int", "integer", true))
        .type(TypeFacts.domain("plain_text", "text", false))
        .type(TypeFacts.enumType("order_status"))
        .type(
            new TypeFacts(
                "weird_t", TypeFacts.Kind.BASE, Optional.empty(), false, Volatility.VOLATILE));
  }
}

package dev.drawbridge.policy.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogFactsTest {

  private final TableFacts big = TableFacts.builder().rows(1_000_000).build();
  private final TableFacts empty = TableFacts.builder().rows(0).sizeBytes(8192).build();

  @Test
  void starEntryDescribesUnlistedTables() {
    CatalogFacts f = CatalogFacts.builder().table("orders", big).defaultTable(empty).build();
    assertThat(f.table(QualifiedName.of("orders"), List.of("public"))).isSameAs(big);
    assertThat(f.table(QualifiedName.of("other"), List.of("public"))).isSameAs(empty);
  }

  @Test
  void withoutStarEntryUnknownTablesAreLarge() {
    CatalogFacts f = CatalogFacts.unknown();
    assertThat(f.table(QualifiedName.of("x"), List.of("public")).isEmpty()).isFalse();
  }

  @Test
  void searchPathResolvesUnqualifiedNames() {
    CatalogFacts f =
        CatalogFacts.builder().table("app.orders", empty).table("public.orders", big).build();
    assertThat(f.table(QualifiedName.of("orders"), List.of("app", "public"))).isSameAs(empty);
    assertThat(f.table(QualifiedName.of("orders"), List.of("public", "app"))).isSameAs(big);
    assertThat(f.table(QualifiedName.of("public", "orders"), List.of("app"))).isSameAs(big);
  }

  @Test
  void emptinessDistrustsStaleStatistics() {
    assertThat(empty.isEmpty()).isTrue();
    assertThat(TableFacts.builder().rows(0).build().isEmpty()).isTrue();
    assertThat(TableFacts.builder().rows(0).sizeBytes(10L << 30).build().isEmpty()).isFalse();
    assertThat(TableFacts.builder().rows(1).sizeBytes(8192).build().isEmpty()).isFalse();
    assertThat(TableFacts.unknown().isEmpty()).isFalse();
    assertThat(TableFacts.builder().rows(5).createdInThisTransaction().build().isEmpty()).isTrue();
  }

  @Test
  void unknownVersionFailsEveryGate() {
    CatalogFacts f = CatalogFacts.unknown();
    assertThat(f.versionAtLeast(10)).isFalse();
    assertThat(CatalogFacts.builder().version("11.2").build().versionAtLeast(11)).isTrue();
    assertThat(CatalogFacts.builder().version("110002").build().versionAtLeast(12)).isFalse();
  }

  @Test
  void functionsResolveWithAndWithoutSchema() {
    CatalogFacts f =
        CatalogFacts.builder()
            .function("f", Volatility.STABLE)
            .function(new FunctionFacts("s.g", Volatility.VOLATILE, true))
            .build();
    assertThat(f.function(QualifiedName.of("f")).map(FunctionFacts::volatility))
        .contains(Volatility.STABLE);
    assertThat(f.function(QualifiedName.of("public", "f"))).isPresent();
    assertThat(f.function(QualifiedName.of("s", "g")).map(FunctionFacts::effectiveVolatility))
        .contains(Volatility.STABLE);
    assertThat(f.function(QualifiedName.of("h"))).isEmpty();
  }

  @Test
  void inlinableSqlFunctionIsJudgedByItsBodyExceptOnPg11() {
    FunctionFacts inl = new FunctionFacts("f", Volatility.VOLATILE, true);
    FunctionFacts plain = new FunctionFacts("g", Volatility.VOLATILE, false);
    assertThat(inl.effectiveVolatility(Optional.of(PgVersion.of(10)))).isEqualTo(Volatility.STABLE);
    assertThat(inl.effectiveVolatility(Optional.of(new PgVersion(11, 22))))
        .isEqualTo(Volatility.VOLATILE);
    assertThat(inl.effectiveVolatility(Optional.of(PgVersion.of(12)))).isEqualTo(Volatility.STABLE);
    assertThat(inl.effectiveVolatility(Optional.of(PgVersion.of(17)))).isEqualTo(Volatility.STABLE);
    assertThat(inl.effectiveVolatility(Optional.empty())).isEqualTo(Volatility.STABLE);
    assertThat(plain.effectiveVolatility(Optional.of(PgVersion.of(12))))
        .isEqualTo(Volatility.VOLATILE);
  }

  @Test
  void settingsAreCaseInsensitive() {
    CatalogFacts f = CatalogFacts.builder().setting("TimeZone", "UTC").build();
    assertThat(f.setting("timezone")).contains("UTC");
  }

  @Test
  void sessionRemembersOnlyInsideTransactions() {
    SessionContext.PriorStatement p =
        new SessionContext.PriorStatement(
            "x", Set.of("t"), Map.of("t", LockLevel.ACCESS_EXCLUSIVE), Set.of("c"));
    SessionContext auto = SessionContext.autocommit().withLockTimeout(Duration.ofSeconds(1));
    assertThat(auto.after(p).earlierInTransaction()).isEmpty();
    SessionContext tx = SessionContext.inTransaction().after(p);
    assertThat(tx.createdInTransaction(QualifiedName.of("t"))).isTrue();
    assertThat(tx.addedNotValidInTransaction("c")).isTrue();
    assertThat(tx.addedNotValidInTransaction("d")).isFalse();
    assertThat(tx.exclusiveLocksHeld()).isEmpty();
    SessionContext tx2 =
        tx.after(
            new SessionContext.PriorStatement(
                "y", Set.of(), Map.of("orders", LockLevel.ACCESS_EXCLUSIVE), Set.of()));
    assertThat(tx2.exclusiveLocksHeld()).containsExactly("orders");
  }
}

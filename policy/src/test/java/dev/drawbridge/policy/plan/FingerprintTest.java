package dev.drawbridge.policy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.SessionContext;
import dev.drawbridge.policy.risk.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final PolicyEngine ENGINE = new PolicyEngine();
  private static final SessionContext S =
      SessionContext.autocommit().withLockTimeout(Duration.ofSeconds(2));
  private static final CatalogFacts F = Fixtures.catalog(PgVersion.of(15));

  static String fp(String sql) {
    return fp(sql, F);
  }

  static String fp(String sql, CatalogFacts facts) {
    List<StatementResult> r = ENGINE.analyze(sql, S, facts);
    assertThat(r).hasSize(1);
    return ((StatementResult.Judged) r.get(0)).fingerprint();
  }

  @Test
  void isSha256Hex() {
    assertThat(fp("ALTER TABLE orders ADD COLUMN ref_id uuid DEFAULT gen_random_uuid()"))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void ignoresWhitespaceCommentsKeywordCaseAndSpelling() {
    String a = fp("ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid()");
    assertThat(fp("alter table ORDERS add ref_id UUID default GEN_RANDOM_UUID() not null;"))
        .isEqualTo(a);
    assertThat(
            fp(
                "/* ticket 17 */\n  ALTER TABLE orders -- add it\n ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid()"))
        .isEqualTo(a);
    assertThat(fp("ALTER TABLE orders ADD COLUMN n int4"))
        .isEqualTo(fp("ALTER TABLE orders ADD COLUMN n integer"));
  }

  @Test
  void changesWithTableColumnDefaultOrType() {
    String a = fp("ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid()");
    assertThat(fp("ALTER TABLE users ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid()"))
        .isNotEqualTo(a);
    assertThat(fp("ALTER TABLE orders ADD COLUMN ref2_id uuid NOT NULL DEFAULT gen_random_uuid()"))
        .isNotEqualTo(a);
    assertThat(fp("ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT uuid_generate_v4()"))
        .isNotEqualTo(a);
    assertThat(fp("ALTER TABLE orders ADD COLUMN ref_id uuid DEFAULT gen_random_uuid()"))
        .isNotEqualTo(a);
    assertThat(
            fp("ALTER TABLE \"Orders\" ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid()"))
        .isNotEqualTo(a);
  }

  @Test
  void changesWhenThePlanChanges() {
    String sql = "ALTER TABLE events DETACH PARTITION events_2024";
    assertThat(fp(sql, Fixtures.catalog(PgVersion.of(15))))
        .isNotEqualTo(fp(sql, Fixtures.catalog(PgVersion.of(13))));
  }

  @Test
  void isStableAcrossRunsAndInstances() {
    String sql = "CREATE INDEX idx ON orders (status)";
    assertThat(new PolicyEngine().analyze(sql, S, F)).isEqualTo(ENGINE.analyze(sql, S, F));
    assertThat(fp(sql)).isEqualTo(fp(sql));
  }

  @Test
  void canonicalTextNamesEveryStep() {
    var j =
        (StatementResult.Judged)
            ENGINE
                .analyze(
                    "ALTER TABLE orders ADD COLUMN ref_id uuid NOT NULL DEFAULT gen_random_uuid()",
                    S,
                    F)
                .get(0);
    String c = Fingerprint.canonical(j.report().statement(), j.plan());
    assertThat(c).startsWith("drawbridge-plan-v1\n");
    assertThat(c.lines().filter(l -> l.startsWith("step\t"))).hasSize(7);
    assertThat(Fingerprint.sha256(c)).isEqualTo(j.fingerprint());
  }
}

package dev.drawbridge.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.policy.facts.QualifiedName;
import dev.drawbridge.policy.risk.model.AlterAction.PartitionBound;
import dev.drawbridge.policy.risk.model.Expr;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundPredicatesTest {

  private static Expr s(String v) {
    return Expr.Literal.string(v);
  }

  @Test
  void rangeOfConstantsIsNotNullAndHalfOpen() {
    assertThat(
            BoundPredicates.of(
                "created_at",
                new PartitionBound.Range(List.of(s("2026-01-01")), List.of(s("2027-01-01")))))
        .hasValue(
            "created_at IS NOT NULL AND created_at >= '2026-01-01' AND created_at < '2027-01-01'");
    assertThat(
            BoundPredicates.of(
                "n",
                new PartitionBound.Range(
                    List.of(Expr.Literal.number("-5")), List.of(Expr.Literal.number("10")))))
        .hasValue("n IS NOT NULL AND n >= -5 AND n < 10");
  }

  @Test
  void listWithAndWithoutNull() {
    assertThat(BoundPredicates.of("code", new PartitionBound.In(List.of(s("de"), s("it")))))
        .hasValue("code IS NOT NULL AND code IN ('de', 'it')");
    assertThat(
            BoundPredicates.of(
                "code",
                new PartitionBound.In(
                    List.of(s("de"), new Expr.Literal(Expr.Literal.Kind.NULL, "null")))))
        .hasValue("code IS NULL OR code IN ('de')");
  }

  @Test
  void quotesTheKeyAndEscapesLiterals() {
    assertThat(BoundPredicates.of("Code", new PartitionBound.In(List.of(s("o'k")))))
        .hasValue("\"Code\" IS NOT NULL AND \"Code\" IN ('o''k')");
  }

  @Test
  void anythingElseGivesNothing() {
    assertThat(
            BoundPredicates.of(
                "d",
                new PartitionBound.Range(
                    List.of(Expr.ColumnRef.of("minvalue")), List.of(s("2027-01-01")))))
        .isEmpty();
    assertThat(
            BoundPredicates.of(
                "d", new PartitionBound.Range(List.of(s("a"), s("b")), List.of(s("c"), s("d")))))
        .isEmpty();
    assertThat(
            BoundPredicates.of(
                "d",
                new PartitionBound.In(
                    List.of(new Expr.FunctionCall(QualifiedName.of("now"), List.of())))))
        .isEmpty();
    assertThat(BoundPredicates.of("d", new PartitionBound.Hash(4, 0))).isEmpty();
    assertThat(BoundPredicates.of("d", new PartitionBound.Default())).isEmpty();
  }
}

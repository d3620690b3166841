package dev.drawbridge.policy.risk.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.policy.facts.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTypeTextTest {

  private static TypeName t(String text) {
    return CatalogTypeText.parse(text).orElseThrow(() -> new AssertionError("refused " + text));
  }

  @Test
  void formatTypeOutputOfBuiltins() {
    assertThat(t("integer")).isEqualTo(TypeName.of("integer"));
    assertThat(t("bigint")).isEqualTo(TypeName.of("bigint"));
    assertThat(t("character varying(50)")).isEqualTo(TypeName.of("varchar", 50));
    assertThat(t("character varying")).isEqualTo(TypeName.of("varchar"));
    assertThat(t("character(3)")).isEqualTo(TypeName.of("bpchar", 3));
    assertThat(t("character")).isEqualTo(TypeName.of("bpchar", 1));
    assertThat(t("bpchar")).isEqualTo(TypeName.of("bpchar"));
    assertThat(t("numeric(10,2)")).isEqualTo(TypeName.of("numeric", 10, 2));
    assertThat(t("numeric")).isEqualTo(TypeName.of("numeric"));
    assertThat(t("double precision")).isEqualTo(TypeName.of("double precision"));
    assertThat(t("timestamp with time zone")).isEqualTo(TypeName.of("timestamptz"));
    assertThat(t("timestamp without time zone")).isEqualTo(TypeName.of("timestamp"));
    assertThat(t("timestamp(3) with time zone")).isEqualTo(TypeName.of("timestamptz", 3));
    assertThat(t("time(6) without time zone")).isEqualTo(TypeName.of("time", 6));
    assertThat(t("time with time zone")).isEqualTo(TypeName.of("timetz"));
    assertThat(t("bit varying(8)")).isEqualTo(TypeName.of("varbit", 8));
    assertThat(t("bit(1)")).isEqualTo(TypeName.of("bit", 1));
    assertThat(t("interval")).isEqualTo(TypeName.of("interval"));
    assertThat(t("interval(3)")).isEqualTo(TypeName.of("interval", 3));
    assertThat(t("uuid")).isEqualTo(TypeName.of("uuid"));
  }

  @Test
  void arraysAndNames() {
    assertThat(t("integer[]")).isEqualTo(new TypeName(QualifiedName.of("integer"), List.of(), 1));
    assertThat(t("character varying(20)[]"))
        .isEqualTo(new TypeName(QualifiedName.of("varchar"), List.of(20), 1));
    assertThat(t("text[][]")).isEqualTo(new TypeName(QualifiedName.of("text"), List.of(), 2));
    assertThat(t("positive_int")).isEqualTo(TypeName.of("positive_int"));
    assertThat(t("public.my_domain"))
        .isEqualTo(new TypeName(QualifiedName.of("public", "my_domain"), List.of(), 0));
    assertThat(t("\"MySchema\".\"Odd \"\"Type\"\"\""))
        .isEqualTo(new TypeName(QualifiedName.of("MySchema", "Odd \"Type\""), List.of(), 0));
    assertThat(t("pg_catalog.int4")).isEqualTo(TypeName.of("integer"));
    assertThat(t("INTEGER")).isEqualTo(TypeName.of("integer"));
  }

  @Test
  void whatItDoesNotModelIsRefusedNotGuessed() {
    for (String s :
        List.of(
            "",
            "interval day to second",
            "interval year to month",
            "\"char\"",
            "numeric(10,",
            "integer junk",
            "varchar(x)",
            "1abc",
            "\"unterminated",
            "text[",
            "timestamp with zone")) {
      assertThat(CatalogTypeText.parse(s)).as(s).isEmpty();
    }
    assertThat(CatalogTypeText.parse(null)).isEmpty();
  }

  @Test
  void checkDefinitionsFromTheCatalogReadThroughTheDdlParser() {
    assertThat(DdlFrontEnd.checkDefinition("CHECK ((qty > 0))")).isPresent();
    assertThat(DdlFrontEnd.checkDefinition("CHECK ((qty > 0)) NOT VALID")).isPresent();
    assertThat(DdlFrontEnd.checkDefinition("CHECK (qty > 0); DROP TABLE orders")).isEmpty();
    assertThat(DdlFrontEnd.checkDefinition("UNIQUE (qty)")).isEmpty();
    assertThat(DdlFrontEnd.checkDefinition("CHECK (")).isEmpty();
  }
}

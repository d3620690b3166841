package dev.drawbridge.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    CommandLine cli =
        new CommandLine(
            new PlanCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void coreFlowIsUnsafeWithAStagedPlanInText() throws Exception {
    Path f =
        file(
            "001.sql",
            "-- add a reference\n\nALTER TABLE orders ADD COLUMN \"ref\" uuid NOT NULL DEFAULT"
                + " gen_random_uuid();\n");
    int code = run("", "--pg-version", "17", f.toString());
    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains(f + ":3: add-column-volatile-default: ")
        .contains("lock: ACCESS EXCLUSIVE")
        .contains("rewrite: yes")
        .contains("staged plan")
        .contains("rollback: ")
        .contains("1 statement: 0 safe, 1 unsafe, 0 not understood");
  }

  @Test
  void jsonFollowsTheContract() throws Exception {
    int code =
        run(
            "ALTER TABLE orders ADD COLUMN \"ref\" uuid NOT NULL DEFAULT gen_random_uuid();",
            "--format",
            "json",
            "--pg-version",
            "17",
            "-");
    assertThat(code).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(out.toString());
    JsonNode s = root.get("statements").get(0);
    assertThat(s.get("index").asInt()).isZero();
    assertThat(s.get("line").asInt()).isEqualTo(1);
    assertThat(s.get("class").asText()).isEqualTo("ddl");
    assertThat(s.get("verdict").asText()).isEqualTo("unsafe");
    JsonNode f = s.get("findings").get(0);
    assertThat(f.get("rule").asText()).isEqualTo("add-column-volatile-default");
    assertThat(f.get("lock").asText()).isEqualTo("ACCESS EXCLUSIVE");
    assertThat(f.get("rewrite").asBoolean()).isTrue();
    assertThat(f.get("scan").asBoolean()).isTrue();
    assertThat(f.has("message")).isTrue();
    JsonNode plan = s.get("plan");
    assertThat(plan.get("fingerprint").asText()).hasSize(64);
    assertThat(plan.get("steps").size()).isGreaterThan(3);
    JsonNode step = plan.get("steps").get(0);
    assertThat(step.has("kind")).isTrue();
    assertThat(step.get("sql").asText()).contains("ADD COLUMN");
    assertThat(step.has("rollback")).isTrue();
  }

  @Test
  void constantDefaultIsSafeOnElevenButNotOnTen() throws Exception {
    Path f = file("a.sql", "SET lock_timeout = '2s';\nALTER TABLE t ADD COLUMN c int DEFAULT 0;\n");
    assertThat(run("", "--pg-version", "11", f.toString())).as(out.toString()).isZero();
    assertThat(run("", "--pg-version", "10", f.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("add-column-default-before-pg11");
  }

  @Test
  void tableCreatedEarlierInTheFileIsNew() throws Exception {
    Path f =
        file(
            "b.sql",
            "SET lock_timeout = '2s';\nCREATE TABLE fresh (id bigint PRIMARY KEY);\n"
                + "CREATE INDEX fresh_idx ON fresh (id);\n"
                + "ALTER TABLE fresh ADD COLUMN u uuid DEFAULT gen_random_uuid();\n");
    assertThat(run("", "--pg-version", "17", f.toString())).as(out.toString()).isZero();
  }

  @Test
  void factsFileMakesAnEmptyTableSafe() throws Exception {
    Path facts =
        file(
            "facts.json",
            "{\"server_version\":\"15.4\",\"settings\":{\"TimeZone\":\"UTC\"},"
                + "\"tables\":{\"users\":{\"rows\":50000000,\"partitioned\":false,"
                + "\"created_in_transaction\":false,\"columns\":{\"name\":{\"type\":\"varchar(50)\","
                + "\"not_null\":false,\"check_constraints\":[\"users_name_check\"],"
                + "\"not_null_check\":\"valid\"}}},\"*\":{\"rows\":0, \"size_bytes\": 8192}},"
                + "\"functions\":{\"my_fn\":{\"volatility\":\"volatile\",\"inlinable\":false}},"
                + "\"domains\":{\"positive_int\":{\"has_constraints\":true}},"
                + "\"partitions\":{\"measurements_2027\":{\"bound_check_validated\":true}}}");
    Path small =
        file(
            "c.sql",
            "SET lock_timeout = '2s';\nALTER TABLE tiny ADD COLUMN u uuid DEFAULT gen_random_uuid();");
    assertThat(run("", "--facts", facts.toString(), small.toString())).as(out.toString()).isZero();
    Path big =
        file(
            "d.sql",
            "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN u int DEFAULT my_fn();\n"
                + "ALTER TABLE users ALTER COLUMN name SET NOT NULL;");
    assertThat(run("", "--facts", facts.toString(), big.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains(big + ":2: add-column-volatile-default")
        .doesNotContain("set-not-null-without-check");
  }

  @Test
  void inputErrorsExitTwo() throws Exception {
    assertThat(run("", dir.resolve("missing.sql").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.sql: no such file");
    Path sql = file("e.sql", "SELECT 1;");
    Path badJson = file("bad.json", "{\"tables\": ");
    assertThat(run("", "--facts", badJson.toString(), sql.toString())).isEqualTo(2);
    Path unknownKey = file("unk.json", "{\"tables\":{\"users\":{\"rowz\":5}}}");
    assertThat(run("", "--facts", unknownKey.toString(), sql.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("$.tables.users.rowz: unknown key");
    assertThat(run("", "--database", "mysql://x/y", sql.toString())).isEqualTo(2);
    assertThat(run("", "--pg-version", "banana", sql.toString())).isEqualTo(2);
    assertThat(run("")).isEqualTo(2);
  }

  @Test
  void notUnderstoodExitsOne() throws Exception {
    Path f = file("f.sql", "FROBNICATE TABLE users;");
    assertThat(run("", f.toString())).isEqualTo(1);
    assertThat(out.toString()).contains(":1: not-understood");
  }

  @Test
  void helpDocumentsEveryFlag() {
    String usage = new CommandLine(new PlanCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(usage)
        .contains("--pg-version", "--facts", "--database", "--format", "--single-transaction")
        .contains("text, json")
        .contains("Exit status");
  }

  @Test
  void concurrentlyInsideATransactionBlockIsUnsafe() throws Exception {
    Path autocommit = file("g.sql", "CREATE INDEX CONCURRENTLY i ON t (a);\n");
    assertThat(run("", "--pg-version", "17", autocommit.toString())).as(out.toString()).isZero();
    Path block = file("h.sql", "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;\n");
    assertThat(run("", "--pg-version", "17", block.toString())).isEqualTo(1);
    assertThat(out.toString()).contains(block + ":2: concurrently-in-transaction");
    assertThat(run("", "--pg-version", "17", "--single-transaction", autocommit.toString()))
        .isEqualTo(1);
  }

  @Test
  void timeZoneSettingInTheFileInformsTypeChanges() throws Exception {
    Path facts =
        file(
            "tz.json",
            "{\"tables\":{\"t\":{\"rows\":1000000,\"columns\":{\"ts\":"
                + "{\"type\":\"timestamp without time zone\"}}}}}");
    Path utc =
        file(
            "tz.sql",
            "SET lock_timeout = '2s';\nSET TimeZone = 'UTC';\n"
                + "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n");
    assertThat(run("", "--pg-version", "15", "--facts", facts.toString(), utc.toString()))
        .as(out.toString())
        .isZero();
    Path berlin =
        file(
            "tz2.sql",
            "SET lock_timeout = '2s';\nSET TIME ZONE 'Europe/Berlin';\n"
                + "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;\n");
    assertThat(run("", "--pg-version", "15", "--facts", facts.toString(), berlin.toString()))
        .isEqualTo(1);
    assertThat(run("", "--pg-version", "11", "--facts", facts.toString(), utc.toString()))
        .isEqualTo(1);
  }
}

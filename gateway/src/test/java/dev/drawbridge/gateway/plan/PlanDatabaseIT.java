package dev.drawbridge.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drawbridge.testkit.PostgresExtension;
import dev.drawbridge.testkit.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plan --database}: facts from a live catalog decide; an empty table makes DDL safe. */
@ExtendWith(PostgresExtension.class)
class PlanDatabaseIT {

  @TempDir Path dir;

  @Test
  void liveFactsDecide(TestPostgres pg) throws Exception {
    pg.execute("DROP TABLE IF EXISTS plandb_big, plandb_empty");
    pg.execute("CREATE TABLE plandb_big (id int PRIMARY KEY)");
    pg.execute("INSERT INTO plandb_big SELECT generate_series(1, 3000)");
    pg.execute("ANALYZE plandb_big");
    pg.execute("CREATE TABLE plandb_empty (id int PRIMARY KEY)");
    Path f = dir.resolve("m.sql");
    Files.writeString(
        f,
        "SET lock_timeout = '2s';\n"
            + "ALTER TABLE plandb_empty ADD COLUMN u double precision DEFAULT random();\n"
            + "ALTER TABLE plandb_big ADD COLUMN u double precision DEFAULT random();\n");
    String url =
        "postgresql://"
            + pg.superuser()
            + (pg.superuserPassword().isEmpty() ? "" : ":" + pg.superuserPassword())
            + "@"
            + pg.host()
            + ":"
            + pg.port()
            + "/"
            + pg.database();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new PlanCommand(new ByteArrayInputStream(new byte[0])));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("--database", url, "--format", "text", f.toString());
    assertThat(code).as(out + "\n" + err).isEqualTo(1);
    assertThat(out.toString())
        .contains(f + ":3: add-column-volatile-default")
        .doesNotContain(f + ":2:")
        .contains("3 statements: 2 safe, 1 unsafe");

    int down =
        new CommandLine(new PlanCommand(new ByteArrayInputStream(new byte[0])))
            .execute("--database", "postgresql://nobody@127.0.0.1:1/none", f.toString());
    assertThat(down).isEqualTo(2);
  }
}

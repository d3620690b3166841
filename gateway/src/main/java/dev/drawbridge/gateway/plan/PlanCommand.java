package dev.drawbridge.gateway.plan;

import dev.drawbridge.gateway.catalog.CatalogInspector;
import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.gateway.cli.ExitCodes;
import dev.drawbridge.gateway.cli.VersionProvider;
import dev.drawbridge.gateway.config.UpstreamUrl;
import dev.drawbridge.policy.facts.CatalogFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.sql.ClassifiedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drawbridge plan}: the policy engine offline, for CI on migration files. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpWidth = 100,
    description = {
      "Judge the statements of migration files the way the gateway would, without a gateway: "
          + "findings (lock, rewrite, scan) and the staged safe plan with its rollback, per "
          + "statement. Statements run as psql -f runs them: each on its own unless BEGIN opens "
          + "a transaction; earlier statements inform later ones (a table created earlier in the "
          + "file is new).",
      "Without --facts or --database every table is assumed large and busy.",
      ""
    },
    footer = {
      "",
      "Exit status: 0 nothing unsafe; 1 something unsafe or not understood; 2 usage or input"
          + " error (missing file, bad facts file, bad URL, database unreachable)."
    })
public final class PlanCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    text,
    json
  }

  @Spec private CommandSpec spec;

  @Option(
      names = "--pg-version",
      paramLabel = "N",
      description =
          "Target PostgreSQL version (e.g. 15 or 15.4); overrides server_version from the facts"
              + " file or the database.")
  String pgVersion;

  @Option(
      names = "--facts",
      paramLabel = "FILE",
      description =
          "JSON facts about the target database: server_version, settings, tables (\"*\" for every"
              + " table not listed), functions, domains, enums, partitions.")
  Path factsFile;

  @Option(
      names = "--database",
      paramLabel = "URL",
      description =
          "Read facts from a live database, read-only: postgresql://USER:PASS@HOST:PORT/DB or a"
              + " jdbc:postgresql:// URL. Facts from --facts override what it finds.")
  String database;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = "--single-transaction",
      description =
          "Each file runs as one transaction (psql -1, Flyway, Rails): CONCURRENTLY statements "
              + "fail and locks are held to the end.")
  boolean singleTransaction;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "SQL files to judge; - reads standard input.")
  List<String> files = new ArrayList<>();

  private final InputStream stdin;

  public PlanCommand() {
    this(System.in);
  }

  public PlanCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<PgVersion> version = Optional.empty();
      if (pgVersion != null) {
        version =
            Optional.of(
                PgVersion.parse(pgVersion)
                    .orElseThrow(
                        () ->
                            new InputError(
                                "--pg-version: '" + pgVersion + "' is not a PostgreSQL version")));
      }
      Optional<CatalogFacts> fileFacts = Optional.empty();
      if (factsFile != null) {
        String json = read(factsFile.toString());
        try {
          fileFacts = Optional.of(FactsFile.parse(json, version));
        } catch (FactsFileException e) {
          throw new InputError(factsFile + ": " + e.getMessage());
        }
      }
      Optional<DatabaseTarget> db =
          database == null ? Optional.empty() : Optional.of(DatabaseTarget.parse(database));
      Map<String, String> inputs = new LinkedHashMap<>();
      for (String f : files) {
        inputs.put(f, read(f));
      }
      PlanRunner runner = new PlanRunner();
      List<PlannedStatement> all = new ArrayList<>();
      Optional<PgVersion> v = version;
      Optional<CatalogFacts> ff = fileFacts;
      for (var e : inputs.entrySet()) {
        all.addAll(
            runner.run(
                e.getKey(), e.getValue(), stmts -> facts(stmts, v, ff, db), singleTransaction));
      }
      out.print(format == Format.json ? JsonRenderer.render(all) : TextRenderer.render(all));
      out.flush();
      return all.stream().anyMatch(PlannedStatement::blocking) ? 1 : ExitCodes.OK;
    } catch (InputError e) {
      err.println("drawbridge plan: " + e.getMessage());
      err.println("Run 'drawbridge plan --help' to see every option.");
      err.flush();
      return ExitCodes.USAGE;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static CatalogFacts facts(
      List<ClassifiedStatement> statements,
      Optional<PgVersion> version,
      Optional<CatalogFacts> fileFacts,
      Optional<DatabaseTarget> db)
      throws InputError {
    CatalogFacts base = CatalogFacts.unknown();
    if (db.isPresent()) {
      ObjectReferences refs = ObjectReferences.none();
      for (ClassifiedStatement st : statements) {
        refs = refs.plus(ObjectReferences.of(st));
      }
      try (Connection c = db.get().connect()) {
        base = new CatalogInspector().inspect(c, refs, Optional.empty()).toFacts();
      } catch (SQLException e) {
        throw new InputError("--database: cannot read the catalog: " + e.getMessage());
      }
    }
    CatalogFacts found = base;
    CatalogFacts merged = fileFacts.map(f -> overlay(found, f)).orElse(found);
    if (version.isPresent()) {
      merged =
          new CatalogFacts(
              version,
              merged.settings(),
              merged.tables(),
              merged.functions(),
              merged.types(),
              merged.partitions());
    }
    return merged;
  }

  /** {@code top}'s entries win over {@code base}'s; its version too when it has one. */
  static CatalogFacts overlay(CatalogFacts base, CatalogFacts top) {
    var settings = new LinkedHashMap<>(base.settings());
    settings.putAll(top.settings());
    var tables = new LinkedHashMap<>(base.tables());
    tables.putAll(top.tables());
    var functions = new LinkedHashMap<>(base.functions());
    functions.putAll(top.functions());
    var types = new LinkedHashMap<>(base.types());
    types.putAll(top.types());
    var partitions = new LinkedHashMap<>(base.partitions());
    partitions.putAll(top.partitions());
    return new CatalogFacts(
        top.version().or(base::version), settings, tables, functions, types, partitions);
  }

  private String read(String name) throws InputError {
    try {
      if (name.equals("-")) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InputError(name + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new InputError(name + ": cannot read: " + e.getMessage());
    }
  }

  /** A usage or input problem: exit 2. */
  static final class InputError extends Exception {
    private static final long serialVersionUID = 1L;

    InputError(String message) {
      super(message);
    }
  }

  /** The --database URL, as JDBC wants it. */
  record DatabaseTarget(String jdbcUrl, Properties properties) {
    static DatabaseTarget parse(String url) throws InputError {
      if (url.startsWith("jdbc:postgresql:")) {
        return new DatabaseTarget(url, new Properties());
      }
      UpstreamUrl u;
      try {
        u = UpstreamUrl.parse(url);
      } catch (IllegalArgumentException e) {
        throw new InputError("--database: " + e.getMessage().replace("upstream URL", "URL"));
      }
      Properties p = new Properties();
      u.user().ifPresent(x -> p.setProperty("user", x));
      u.password().ifPresent(x -> p.setProperty("password", x));
      String host = u.host().contains(":") ? "[" + u.host() + "]" : u.host();
      return new DatabaseTarget(
          "jdbc:postgresql://" + host + ":" + u.port() + "/" + u.database(), p);
    }

    Connection connect() throws SQLException {
      Properties p = new Properties();
      p.putAll(properties);
      p.putIfAbsent("connectTimeout", "10");
      p.putIfAbsent("ApplicationName", "drawbridge plan");
      return DriverManager.getConnection(jdbcUrl, p);
    }
  }
}

package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drawbridge.gateway.cli.CliContext;
import dev.drawbridge.gateway.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drawbridge audit search|show|export|verify|head}: the audit trail from the shell. */
@Command(
    name = "audit",
    description = "The audit trail: search it, show a session, export, verify the hash chains.",
    mixinStandardHelpOptions = true,
    subcommands = {
      AuditCommand.Search.class,
      AuditCommand.Show.class,
      AuditCommand.Export.class,
      AuditCommand.Verify.class,
      AuditCommand.Head.class
    })
public final class AuditCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "say what to do: 'audit search|show|export|verify|head'");
  }

  /** The search filters, shared by search and export. */
  public static final class Filters {
    @Option(names = "--actor", paramLabel = "NAME", description = "Only this user's events.")
    String user;

    @Option(names = "--session", paramLabel = "ID", description = "Only this session's.")
    String session;

    @Option(names = "--database", paramLabel = "DB", description = "Only on this database.")
    String database;

    @Option(names = "--table", paramLabel = "NAME", description = "Only about this table.")
    String table;

    @Option(
        names = "--decision",
        paramLabel = "D",
        description = "Only with this decision: allow, deny, needs-approval, not-understood.")
    String decision;

    @Option(names = "--rule", paramLabel = "R", description = "Only with this rule or SQLSTATE.")
    String rule;

    @Option(
        names = "--type",
        paramLabel = "T",
        description = "Only events of this type (statement, session.start, admin.action, ...).")
    String type;

    @Option(names = "--from", paramLabel = "INSTANT", description = "From (ISO-8601, inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Until (ISO-8601, exclusive).")
    String to;

    String query(String fromOverride, int limit) {
      StringBuilder q = new StringBuilder();
      RequestsCommand.add(q, "user", user);
      RequestsCommand.add(q, "session", session);
      RequestsCommand.add(q, "database", database);
      RequestsCommand.add(q, "table", table);
      RequestsCommand.add(q, "decision", decision);
      RequestsCommand.add(q, "rule", rule);
      RequestsCommand.add(q, "type", type);
      RequestsCommand.add(q, "from", fromOverride != null ? fromOverride : from);
      RequestsCommand.add(q, "to", to);
      RequestsCommand.add(q, "limit", Integer.toString(limit));
      return q.toString();
    }
  }

  /** A one-line summary of an event's details. */
  static String summary(JsonNode e) {
    JsonNode d = e.path("details");
    return switch (e.path("type").asText()) {
      case "statement" -> text(d, "text");
      case "statement.outcome" ->
          text(d, "result")
              + (d.has("rows") ? " rows=" + text(d, "rows") : "")
              + (d.has("sqlstate") ? " sqlstate=" + text(d, "sqlstate") : "");
      case "session.start" ->
          "from "
              + text(d, "client_address")
              + " app="
              + text(d, "application")
              + " auth="
              + text(d, "auth_method");
      case "admin.action", "admin.action.result" ->
          text(d, "method")
              + " "
              + text(d, "route")
              + (d.has("status") ? " -> " + text(d, "status") : "");
      default -> d.toString();
    };
  }

  /** {@code audit search}. */
  @Command(
      name = "search",
      description = "Events matching every filter, oldest first.",
      mixinStandardHelpOptions = true)
  public static final class Search extends AdminCommand {
    @Mixin Filters filters;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (default 100).")
    int limit = 100;

    public Search(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode answer = client.get("api/v1/audit/events" + filters.query(null, limit));
      if (options.json) {
        out.println(client.pretty(answer));
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode e : answer.path("events")) {
        rows.add(
            List.of(
                text(e, "at"),
                text(e, "type"),
                text(e, "actor"),
                text(e, "session"),
                text(e, "decision"),
                summary(e)));
      }
      Tables.print(
          out, List.of("AT", "TYPE", "ACTOR", "SESSION", "DECISION", "WHAT"), rows, "No events.");
      if (answer.path("truncated").asBoolean()) {
        out.println("(more events match: narrow the filters or raise --limit)");
      }
    }
  }

  /** {@code audit show SESSION}. */
  @Command(
      name = "show",
      description = "Everything one session did, in order, with outcomes.",
      mixinStandardHelpOptions = true)
  public static final class Show extends AdminCommand {
    @Parameters(paramLabel = "SESSION", description = "The session id, as search shows it.")
    String session;

    public Show(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode t = client.get("api/v1/audit/sessions/" + RequestsCommand.encode(session));
      if (options.json) {
        out.println(client.pretty(t));
        return;
      }
      out.println(
          "Session "
              + text(t, "session")
              + " of "
              + text(t, "user")
              + " on "
              + text(t, "database"));
      for (JsonNode e : t.path("events")) {
        String line = text(e, "at") + "  " + text(e, "type") + "  " + summary(e);
        if (e.path("type").asText().equals("statement")) {
          line += "  [" + text(e, "decision") + "]";
          JsonNode o = e.path("outcome");
          line += o.isObject() ? "  => " + summary(o) : "  => (no outcome recorded)";
        }
        out.println(line);
      }
    }
  }

  /** {@code audit export}. */
  @Command(
      name = "export",
      description = "Matching events as JSON lines or CSV, all of them.",
      mixinStandardHelpOptions = true)
  public static final class Export extends AdminCommand {
    private static final int PAGE = 5000;

    @Mixin Filters filters;

    @Option(names = "--format", paramLabel = "jsonl|csv", description = "jsonl (default) or csv.")
    String format = "jsonl";

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path output;

    public Export(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      if (!format.equals("jsonl") && !format.equals("csv")) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--format must be jsonl or csv");
      }
      StringBuilder text = new StringBuilder();
      if (format.equals("csv")) {
        text.append(
            "gateway,seq,at,type,actor,session,database,decision,rule,tables,details,hash\n");
      }
      Set<String> seen = new HashSet<>();
      String from = null;
      while (true) {
        JsonNode answer = client.get("api/v1/audit/events" + filters.query(from, PAGE));
        int fresh = 0;
        for (JsonNode e : answer.path("events")) {
          if (!seen.add(text(e, "gateway") + "/" + text(e, "seq"))) {
            continue; // the next page starts at the last instant of this one
          }
          fresh++;
          text.append(format.equals("csv") ? csv(e) : e.toString()).append('\n');
          from = text(e, "at");
        }
        if (!answer.path("truncated").asBoolean() || fresh == 0) {
          break;
        }
      }
      if (output == null) {
        out.print(text);
        return;
      }
      try {
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      context.err().println("drawbridge: wrote " + seen.size() + " events to " + output);
    }

    private static String csv(JsonNode e) {
      List<String> cells = new ArrayList<>();
      for (String f :
          List.of(
              "gateway", "seq", "at", "type", "actor", "session", "database", "decision", "rule")) {
        JsonNode v = e.path(f);
        cells.add(v.isNull() || v.isMissingNode() ? "" : v.asText());
      }
      List<String> tables = new ArrayList<>();
      e.path("tables").forEach(t -> tables.add(t.asText()));
      cells.add(String.join(" ", tables));
      cells.add(e.path("details").toString());
      cells.add(text(e, "hash"));
      List<String> quoted = new ArrayList<>();
      for (String c : cells) {
        quoted.add(
            c.contains(",") || c.contains("\"") || c.contains("\n")
                ? "\"" + c.replace("\"", "\"\"") + "\""
                : c);
      }
      return String.join(",", quoted);
    }
  }

  /** {@code audit verify}. */
  @Command(
      name = "verify",
      description = "Checks every hash chain from its first event; exit 1 at a broken link.",
      mixinStandardHelpOptions = true)
  public static final class Verify extends AdminCommand {
    @Option(
        names = "--head",
        paramLabel = "GATEWAY:SEQ:HASH",
        description = "An exported head each chain must still reach (repeatable).")
    List<String> heads = new ArrayList<>();

    @Option(
        names = "--heads-file",
        paramLabel = "FILE",
        description = "Heads exported earlier ('audit head --json' or audit.head-file).")
    Path headsFile;

    private boolean intact = true;

    public Verify(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      List<String> all = new ArrayList<>(heads);
      if (headsFile != null) {
        try {
          JsonNode doc =
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(headsFile.toFile());
          for (JsonNode h : doc.path("heads")) {
            all.add(text(h, "gateway") + ":" + text(h, "seq") + ":" + text(h, "hash"));
          }
        } catch (IOException e) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "cannot read " + headsFile + ": " + e.getMessage());
        }
      }
      StringBuilder q = new StringBuilder();
      all.forEach(h -> RequestsCommand.add(q, "head", h));
      JsonNode answer = client.get("api/v1/audit/verify" + q);
      intact = answer.path("intact").asBoolean();
      if (options.json) {
        out.println(client.pretty(answer));
        return;
      }
      for (JsonNode c : answer.path("chains")) {
        if (c.path("intact").asBoolean()) {
          out.println(
              "chain "
                  + text(c, "gateway")
                  + ": intact, "
                  + text(c, "events")
                  + " events, head seq "
                  + c.path("head").path("seq").asText()
                  + " "
                  + c.path("head").path("hash").asText());
        } else {
          out.println(
              "chain "
                  + text(c, "gateway")
                  + ": BROKEN at seq "
                  + text(c, "broken_at")
                  + ": "
                  + text(c, "problem"));
        }
      }
      out.println(intact ? "All chains verify." : "The audit trail does not verify.");
    }

    @Override
    int exitCode() {
      return intact ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }
  }

  /** {@code audit head}. */
  @Command(
      name = "head",
      description = "The last link of every chain: keep it elsewhere.",
      mixinStandardHelpOptions = true)
  public static final class Head extends AdminCommand {
    public Head(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode answer = client.get("api/v1/audit/head");
      if (options.json) {
        out.println(client.pretty(answer));
        return;
      }
      for (JsonNode h : answer.path("heads")) {
        out.println(text(h, "gateway") + ":" + text(h, "seq") + ":" + text(h, "hash"));
      }
    }
  }
}

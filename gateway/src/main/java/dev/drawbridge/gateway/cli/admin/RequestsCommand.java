package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drawbridge.gateway.cli.CliContext;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drawbridge requests list|show}. */
@Command(
    name = "requests",
    description = "Change and elevation requests: list them, show one.",
    mixinStandardHelpOptions = true,
    subcommands = {RequestsCommand.ListRequests.class, RequestsCommand.ShowRequest.class})
public final class RequestsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "say what to do: 'requests list' or 'requests show ID'");
  }

  /** {@code requests list}. */
  @Command(
      name = "list",
      description = "Requests, newest first (engineers and agents see their own).",
      mixinStandardHelpOptions = true)
  public static final class ListRequests extends AdminCommand {

    @Option(
        names = "--status",
        description = "pending, approved, denied, applied, expired or revoked")
    String status;

    @Option(names = "--requester", paramLabel = "NAME", description = "Only this requester's.")
    String requester;

    @Option(names = "--database", paramLabel = "DB", description = "Only for this database.")
    String database;

    public ListRequests(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      StringBuilder query = new StringBuilder();
      add(query, "status", status);
      add(query, "requester", requester);
      add(query, "database", database);
      JsonNode answer = client.get("api/v1/requests" + query);
      if (options.json) {
        out.println(client.pretty(answer));
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode r : answer.path("requests")) {
        String what =
            r.path("kind").asText().equals("elevation")
                ? text(r, "level") + " access for " + text(r, "duration")
                : text(r, "statement");
        rows.add(
            List.of(
                text(r, "id"),
                text(r, "status"),
                text(r, "requester"),
                text(r, "database"),
                text(r, "createdAt"),
                what));
      }
      Tables.print(
          out,
          List.of("ID", "STATUS", "REQUESTER", "DATABASE", "CREATED", "WHAT"),
          rows,
          "No requests.");
    }
  }

  /** {@code requests show ID}. */
  @Command(
      name = "show",
      description = "One request: the statement, its risk, the staged plan, decisions and grant.",
      mixinStandardHelpOptions = true)
  public static final class ShowRequest extends AdminCommand {

    @Parameters(paramLabel = "ID", description = "The request, like CR-7F3K2.")
    String id;

    public ShowRequest(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode r = client.get("api/v1/requests/" + encode(id));
      if (options.json) {
        out.println(client.pretty(r));
        return;
      }
      out.println(
          "Request   " + text(r, "id") + " (" + text(r, "kind") + ", " + text(r, "status") + ")");
      out.println("Requester " + text(r, "requester") + " (" + text(r, "requesterKind") + ")");
      out.println("Database  " + text(r, "database"));
      out.println("Created   " + text(r, "createdAt"));
      out.println("Needs     " + text(r, "approvalsRequired") + " approval(s)");
      if (r.has("statement")) {
        out.println("Statement " + text(r, "statement"));
      } else {
        out.println("Access    " + text(r, "level") + " for " + text(r, "duration"));
      }
      out.println("Reason    " + text(r, "reason"));
      JsonNode findings = r.path("risk").path("findings");
      if (findings.isArray() && !findings.isEmpty()) {
        out.println();
        out.println("Risk:");
        for (JsonNode f : findings) {
          out.println("  " + text(f, "rule") + ": " + text(f, "message"));
        }
      }
      JsonNode steps = r.path("plan").path("steps");
      if (steps.isArray() && !steps.isEmpty()) {
        out.println();
        out.println("Staged plan (fingerprint " + text(r.path("plan"), "fingerprint") + "):");
        int n = 1;
        for (JsonNode s : steps) {
          out.println("  " + n++ + ". [" + text(s, "kind") + "] " + text(s, "sql"));
        }
      }
      out.println();
      if (r.path("decisions").isEmpty()) {
        out.println("No decisions yet.");
      }
      for (JsonNode d : r.path("decisions")) {
        out.println(
            "Decision  "
                + text(d, "decision")
                + " by "
                + text(d, "approver")
                + " at "
                + text(d, "decidedAt")
                + (d.path("comment").asText().isEmpty() ? "" : ": " + text(d, "comment")));
      }
      JsonNode g = r.path("grant");
      if (g.isObject()) {
        out.println(
            "Grant     "
                + text(g, "id")
                + " until "
                + text(g, "expiresAt")
                + (g.path("active").asBoolean() ? " (active)" : " (not active)"));
      }
    }
  }

  static void add(StringBuilder query, String name, String value) {
    if (value != null) {
      query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(encode(value));
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

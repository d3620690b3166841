package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drawbridge.gateway.cli.CliContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drawbridge grants list|revoke}. */
@Command(
    name = "grants",
    description = "Grants: list them, revoke one.",
    mixinStandardHelpOptions = true,
    subcommands = {GrantsCommand.ListGrants.class, GrantsCommand.RevokeGrant.class})
public final class GrantsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "say what to do: 'grants list' or 'grants revoke ID'");
  }

  /** {@code grants list}. */
  @Command(
      name = "list",
      description = "Grants, newest first (engineers and agents see their own).",
      mixinStandardHelpOptions = true)
  public static final class ListGrants extends AdminCommand {

    @Option(names = "--active", description = "Only grants usable now.")
    boolean active;

    @Option(names = "--subject", paramLabel = "NAME", description = "Only this user's.")
    String subject;

    @Option(names = "--database", paramLabel = "DB", description = "Only for this database.")
    String database;

    public ListGrants(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      StringBuilder query = new StringBuilder();
      RequestsCommand.add(query, "subject", subject);
      RequestsCommand.add(query, "database", database);
      RequestsCommand.add(query, "active", active ? "true" : null);
      JsonNode answer = client.get("api/v1/grants" + query);
      if (options.json) {
        out.println(client.pretty(answer));
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode g : answer.path("grants")) {
        JsonNode scope = g.path("scope");
        String what =
            scope.path("kind").asText().equals("access")
                ? text(scope, "level") + " access"
                : "plan " + text(scope, "fingerprint");
        String state =
            g.path("revokedAt").isTextual()
                ? "revoked"
                : g.path("active").asBoolean() ? "active" : "inactive";
        rows.add(
            List.of(
                text(g, "id"),
                state,
                text(g, "subject"),
                text(g, "database"),
                text(g, "expiresAt"),
                text(g, "requestId"),
                what));
      }
      Tables.print(
          out,
          List.of("ID", "STATE", "SUBJECT", "DATABASE", "EXPIRES", "REQUEST", "SCOPE"),
          rows,
          "No grants.");
    }
  }

  /** {@code grants revoke ID}. */
  @Command(name = "revoke", description = "Revoke a grant now.", mixinStandardHelpOptions = true)
  public static final class RevokeGrant extends AdminCommand {

    @Parameters(paramLabel = "ID", description = "The grant.")
    String id;

    public RevokeGrant(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode g =
          client.post(
              "api/v1/grants/" + RequestsCommand.encode(id) + "/revoke", client.newObject());
      if (options.json) {
        out.println(client.pretty(g));
        return;
      }
      out.println("Revoked " + text(g, "id") + " of " + text(g, "subject") + ".");
    }
  }
}

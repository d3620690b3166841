package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.gateway.cli.CliContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drawbridge elevate --database DB --level write --for 30m}. */
@Command(
    name = "elevate",
    description = {
      "Ask for an access level on a database for a while. Someone else approves it with"
          + " 'drawbridge approve ID'; your sessions switch at their next transaction boundary."
    },
    mixinStandardHelpOptions = true)
public final class ElevateCommand extends AdminCommand {

  @Option(names = "--database", required = true, paramLabel = "DB", description = "The database.")
  String database;

  @Option(
      names = "--level",
      required = true,
      paramLabel = "LEVEL",
      description = "read, write or ddl.")
  String level;

  @Option(
      names = "--for",
      required = true,
      paramLabel = "DURATION",
      description = "How long, like 30m or 2h.")
  String duration;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; approvers see it.")
  String reason;

  public ElevateCommand(CliContext context) {
    super(context);
  }

  @Override
  void run(AdminClient client, PrintWriter out) {
    ObjectNode body = client.newObject();
    body.put("database", database);
    body.put("level", level);
    body.put("duration", duration);
    if (reason != null) {
      body.put("reason", reason);
    }
    JsonNode t = client.post("api/v1/elevations", body);
    if (options.json) {
      out.println(client.pretty(t));
      return;
    }
    out.println(
        (t.path("reused").asBoolean() ? "Your open request " : "Requested: ")
            + text(t, "id")
            + " ("
            + text(t, "status")
            + "). Ask an approver to run: drawbridge approve "
            + text(t, "id"));
  }
}

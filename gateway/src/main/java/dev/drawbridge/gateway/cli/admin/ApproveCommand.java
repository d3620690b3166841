package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.gateway.cli.CliContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drawbridge approve ID [--window 1h] [--comment TEXT]}. */
@Command(
    name = "approve",
    description = {
      "Approve someone else's request. Once it has enough approvals, the requester gets a grant for"
          + " the window: they re-run the statement (or elevated access starts).",
      "You cannot approve your own request, and agents cannot approve."
    },
    mixinStandardHelpOptions = true)
public final class ApproveCommand extends AdminCommand {

  @Parameters(paramLabel = "ID", description = "The request, like CR-7F3K2.")
  String id;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description = "How long the grant lasts, like 30m or 2h (default: the gateway's).")
  String window;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why; kept with the decision.")
  String comment;

  public ApproveCommand(CliContext context) {
    super(context);
  }

  @Override
  void run(AdminClient client, PrintWriter out) {
    ObjectNode body = client.newObject();
    if (window != null) {
      body.put("window", window);
    }
    if (comment != null) {
      body.put("comment", comment);
    }
    JsonNode r = client.post("api/v1/requests/" + RequestsCommand.encode(id) + "/approve", body);
    if (options.json) {
      out.println(client.pretty(r));
      return;
    }
    JsonNode grant = r.path("grant");
    if (grant.isObject()) {
      out.println(
          "Approved "
              + text(r, "id")
              + ": "
              + text(r, "requester")
              + " may go ahead until "
              + text(grant, "expiresAt")
              + " (grant "
              + text(grant, "id")
              + ").");
    } else {
      out.println(
          "Approval recorded for "
              + text(r, "id")
              + "; it needs "
              + text(r, "approvalsRequired")
              + " approvals in all.");
    }
  }
}

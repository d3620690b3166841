package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.gateway.cli.CliContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drawbridge deny ID [--comment TEXT]}. */
@Command(
    name = "deny",
    description = "Deny someone else's request, for good.",
    mixinStandardHelpOptions = true)
public final class DenyCommand extends AdminCommand {

  @Parameters(paramLabel = "ID", description = "The request, like CR-7F3K2.")
  String id;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why; the requester sees it.")
  String comment;

  public DenyCommand(CliContext context) {
    super(context);
  }

  @Override
  void run(AdminClient client, PrintWriter out) {
    ObjectNode body = client.newObject();
    if (comment != null) {
      body.put("comment", comment);
    }
    JsonNode r = client.post("api/v1/requests/" + RequestsCommand.encode(id) + "/deny", body);
    if (options.json) {
      out.println(client.pretty(r));
      return;
    }
    out.println("Denied " + text(r, "id") + " (requested by " + text(r, "requester") + ").");
  }
}

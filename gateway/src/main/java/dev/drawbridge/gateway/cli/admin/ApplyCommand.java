package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drawbridge.gateway.cli.CliContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code drawbridge apply ID}. */
@Command(
    name = "apply",
    description = {
      "Run your approved request's staged plan through the gateway: it is planned again on the"
          + " live catalog (it must match what was approved), the grant is used, and the rollout"
          + " starts. Follow it with 'drawbridge rollouts show ID'.",
      "Only the requester may apply, while the grant's window is open."
    },
    mixinStandardHelpOptions = true)
public final class ApplyCommand extends AdminCommand {

  @Parameters(paramLabel = "ID", description = "The approved request, like CR-7F3K2.")
  String id;

  public ApplyCommand(CliContext context) {
    super(context);
  }

  @Override
  void run(AdminClient client, PrintWriter out) {
    JsonNode r =
        client.post("api/v1/requests/" + RequestsCommand.encode(id) + "/apply", client.newObject());
    if (options.json) {
      out.println(client.pretty(r));
      return;
    }
    out.println(
        "Rollout "
            + text(r, "id")
            + " of "
            + text(r, "requestId")
            + " is "
            + text(r, "status")
            + " ("
            + text(r, "stepsTotal")
            + " steps). Follow it: drawbridge rollouts show "
            + text(r, "id"));
  }
}

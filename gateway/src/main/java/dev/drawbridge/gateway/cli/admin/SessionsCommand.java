package dev.drawbridge.gateway.cli.admin;

import static dev.drawbridge.gateway.cli.admin.Tables.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drawbridge.gateway.cli.CliContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drawbridge sessions list|end}. */
@Command(
    name = "sessions",
    description = "Live client sessions: list them, end one.",
    mixinStandardHelpOptions = true,
    subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.EndSession.class})
public final class SessionsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "say what to do: 'sessions list' or 'sessions end ID'");
  }

  /** {@code sessions list}. */
  @Command(name = "list", description = "Sessions open now.", mixinStandardHelpOptions = true)
  public static final class ListSessions extends AdminCommand {

    public ListSessions(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode answer = client.get("api/v1/sessions");
      if (options.json) {
        out.println(client.pretty(answer));
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode s : answer.path("sessions")) {
        rows.add(
            List.of(
                text(s, "id"),
                text(s, "user"),
                text(s, "database"),
                text(s, "state"),
                text(s, "application"),
                text(s, "clientAddress"),
                text(s, "startedAt")));
      }
      Tables.print(
          out,
          List.of("ID", "USER", "DATABASE", "STATE", "APPLICATION", "CLIENT", "STARTED"),
          rows,
          "No sessions.");
    }
  }

  /** {@code sessions end ID}. */
  @Command(
      name = "end",
      description = "End a session: its client gets FATAL 57P01 with the reason.",
      mixinStandardHelpOptions = true)
  public static final class EndSession extends AdminCommand {

    @Parameters(paramLabel = "ID", description = "The session, as 'sessions list' shows it.")
    long id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Shown to the client.")
    String reason;

    public EndSession(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      ObjectNode body = client.newObject();
      if (reason != null) {
        body.put("reason", reason);
      }
      JsonNode r = client.delete("api/v1/sessions/" + id, body);
      if (options.json) {
        out.println(client.pretty(r));
        return;
      }
      out.println("Ended session " + text(r, "ended") + ".");
    }
  }
}

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

/** {@code drawbridge rollouts list|show|pause|resume|cancel|rollback}. */
@Command(
    name = "rollouts",
    description =
        "Rollouts of approved plans: list them, show one with its progress, and (approvers,"
            + " admins) pause, resume, cancel or roll one back.",
    mixinStandardHelpOptions = true,
    subcommands = {
      RolloutsCommand.ListRollouts.class,
      RolloutsCommand.ShowRollout.class,
      RolloutsCommand.Pause.class,
      RolloutsCommand.Resume.class,
      RolloutsCommand.Cancel.class,
      RolloutsCommand.Rollback.class
    })
public final class RolloutsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "say what to do: 'rollouts list', 'rollouts show ID', or pause|resume|cancel|rollback ID");
  }

  /** {@code rollouts list}. */
  @Command(
      name = "list",
      description = "Rollouts, newest first (engineers and agents see their own).",
      mixinStandardHelpOptions = true)
  public static final class ListRollouts extends AdminCommand {

    @Option(names = "--requester", paramLabel = "NAME", description = "Only this requester's.")
    String requester;

    public ListRollouts(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      StringBuilder query = new StringBuilder();
      RequestsCommand.add(query, "requester", requester);
      JsonNode answer = client.get("api/v1/rollouts" + query);
      if (options.json) {
        out.println(client.pretty(answer));
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode r : answer.path("rollouts")) {
        rows.add(
            List.of(
                text(r, "id"),
                text(r, "status"),
                text(r, "requestId"),
                text(r, "requester"),
                text(r, "database"),
                text(r, "message")));
      }
      Tables.print(
          out,
          List.of("ID", "STATUS", "REQUEST", "REQUESTER", "DATABASE", "MESSAGE"),
          rows,
          "No rollouts.");
    }
  }

  /** {@code rollouts show ID}. */
  @Command(
      name = "show",
      description = "One rollout: its steps, backfill progress (rows, rate, ETA) and messages.",
      mixinStandardHelpOptions = true)
  public static final class ShowRollout extends AdminCommand {

    @Parameters(paramLabel = "ID", description = "The rollout, like RO-7F3K2.")
    String id;

    public ShowRollout(CliContext context) {
      super(context);
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode r = client.get("api/v1/rollouts/" + RequestsCommand.encode(id));
      if (options.json) {
        out.println(client.pretty(r));
        return;
      }
      print(r, out);
    }
  }

  static void print(JsonNode r, PrintWriter out) {
    out.println("Rollout   " + text(r, "id") + " (" + text(r, "status") + ")");
    out.println("Request   " + text(r, "requestId") + " by " + text(r, "requester"));
    out.println("Database  " + text(r, "database"));
    out.println("Steps     " + text(r, "stepsDone") + " of " + text(r, "stepsTotal") + " done");
    if (!r.path("holder").isNull()) {
      out.println(
          "Runner    " + text(r, "holder") + " (lease until " + text(r, "leaseUntil") + ")");
    }
    if (!r.path("message").asText().isEmpty()) {
      out.println("Message   " + text(r, "message"));
    }
    out.println();
    for (JsonNode s : r.path("steps")) {
      out.println(
          "  "
              + text(s, "number")
              + ". ["
              + text(s, "kind")
              + "] "
              + text(s, "status")
              + ": "
              + text(s, "description"));
      JsonNode p = s.path("progress");
      if (p.isObject()) {
        out.println(
            "     "
                + text(p, "rowsDone")
                + " of "
                + (p.path("rowsTotal").isNull() ? "?" : text(p, "rowsTotal"))
                + " rows"
                + (p.path("rowsPerSecond").isNull() ? "" : ", " + text(p, "rowsPerSecond") + "/s")
                + (p.path("eta").isNull() ? "" : ", about " + text(p, "eta") + " left"));
      }
      if (!s.path("message").asText().isEmpty()) {
        out.println("     " + text(s, "message"));
      }
    }
  }

  /** The control commands: one POST and the rollout after it. */
  abstract static class Control extends AdminCommand {

    @Parameters(paramLabel = "ID", description = "The rollout, like RO-7F3K2.")
    String id;

    Control(CliContext context) {
      super(context);
    }

    abstract String verb();

    @Override
    void run(AdminClient client, PrintWriter out) {
      JsonNode r =
          client.post(
              "api/v1/rollouts/" + RequestsCommand.encode(id) + "/" + verb(), client.newObject());
      if (options.json) {
        out.println(client.pretty(r));
        return;
      }
      out.println(
          "Rollout "
              + text(r, "id")
              + " is "
              + text(r, "status")
              + (r.path("requested").asText().equals("none")
                  ? ""
                  : " (" + text(r, "requested") + " at the next step or batch)")
              + ".");
    }
  }

  /** {@code rollouts pause ID}. */
  @Command(
      name = "pause",
      description = "Pause at the next step or batch boundary.",
      mixinStandardHelpOptions = true)
  public static final class Pause extends Control {
    public Pause(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "pause";
    }
  }

  /** {@code rollouts resume ID}. */
  @Command(
      name = "resume",
      description = "Go on: after a pause, after doing a manual step, or to retry a failed step.",
      mixinStandardHelpOptions = true)
  public static final class Resume extends Control {
    public Resume(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "resume";
    }
  }

  /** {@code rollouts cancel ID}. */
  @Command(
      name = "cancel",
      description = "Stop for good; completed steps stay (roll them back with 'rollback').",
      mixinStandardHelpOptions = true)
  public static final class Cancel extends Control {
    public Cancel(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "cancel";
    }
  }

  /** {@code rollouts rollback ID}. */
  @Command(
      name = "rollback",
      description = "Undo the completed steps with their rollback SQL, last step first.",
      mixinStandardHelpOptions = true)
  public static final class Rollback extends Control {
    public Rollback(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "rollback";
    }
  }
}

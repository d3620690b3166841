package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.config.ConfigException;
import dev.drawbridge.gateway.demo.Demo;
import dev.drawbridge.gateway.demo.DemoOptions;
import dev.drawbridge.gateway.demo.DemoUser;
import dev.drawbridge.gateway.demo.SampleData;
import dev.drawbridge.gateway.runtime.GatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code drawbridge demo}: everything on this machine, no setup. */
@Command(
    name = "demo",
    header = "Try Drawbridge with no setup (embedded PostgreSQL, sample data, demo users).",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Starts an embedded PostgreSQL with a sample shop database"
          + " (customers, products, 1,000,000 orders), a gateway in front of it with TLS and"
          + " three demo users (alice engineer, bob approver, carol auditor), and prints how to"
          + " connect with psql. Everything listens on 127.0.0.1 only; Ctrl-C stops it and"
          + " deletes its temporary files.",
      ""
    },
    footer = {"", "Exit status: 0 ok, 1 runtime failure, 2 usage error (such as a port in use)."})
public final class DemoCommand implements Callable<Integer> {

  private static final String HOST = "127.0.0.1";

  private final CliContext context;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port psql connects to. Default: 6432.")
  private int port = DemoOptions.DEFAULT_PROXY_PORT;

  @Option(
      names = "--admin-port",
      paramLabel = "PORT",
      description = "Port of the admin HTTP listener (/health, /ready, /metrics). Default: 8432.")
  private int adminPort = DemoOptions.DEFAULT_ADMIN_PORT;

  @Option(
      names = "--orders",
      paramLabel = "N",
      description = "Rows in the orders table. Default: 1000000.")
  private int orders = SampleData.Scale.DEMO.orders();

  @Option(
      names = "--customers",
      paramLabel = "N",
      description = "Rows in the customers table. Default: 50000.")
  private int customers = SampleData.Scale.DEMO.customers();

  @Option(
      names = "--products",
      paramLabel = "N",
      description = "Rows in the products table. Default: 2000.")
  private int products = SampleData.Scale.DEMO.products();

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = context.out();
    DemoOptions options;
    try {
      options =
          new DemoOptions(HOST, port, adminPort, new SampleData.Scale(customers, products, orders));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + ".");
    }
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(meters, VersionProvider.version());
    out.println("Drawbridge demo: starting (this takes a few seconds)...");
    out.flush();
    Demo demo;
    try {
      demo =
          Demo.start(
              options,
              context.verifiers(),
              context.gates(),
              meters,
              context.clock(),
              step -> {
                out.println("  - " + step);
                out.flush();
              });
    } catch (Demo.PortInUseException e) {
      metrics.close();
      throw new ConfigException(e.getMessage());
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    context
        .shutdownHooks()
        .register(
            () -> {
              out.println();
              out.println("Stopping the demo and removing " + demo.directory() + " ...");
              out.flush();
              demo.close();
              metrics.close();
              out.println("Done.");
              out.flush();
              stopped.countDown();
            });
    printWalkthrough(out, demo.endpoints());
    stopped.await();
    return ExitCodes.OK;
  }

  private static void printWalkthrough(PrintWriter out, Demo.Endpoints e) {
    DemoUser alice = DemoUser.ALL.get(0);
    out.println();
    out.println("Drawbridge demo is running. Connect as alice (engineer) through the gateway:");
    out.println();
    out.println("  psql \"" + e.url(alice) + "\"");
    out.println();
    out.println("Demo users (passwords are for this demo only):");
    for (DemoUser u : DemoUser.ALL) {
      out.printf(
          "  %-6s password %-11s role %-9s %s%n", u.name(), u.password(), u.role(), u.what());
    }
    out.println();
    out.println("Things to try in psql:");
    out.println("  \\dt                                        -- customers, products, orders");
    out.println("  SELECT status, count(*) FROM orders GROUP BY status;");
    out.println("  SELECT * FROM orders WHERE customer_id = 42 ORDER BY created_at DESC LIMIT 5;");
    out.println(
        "  \\conninfo                                  -- TLS to the gateway (self-signed)");
    out.println("  ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid();");
    out.println(
        "      -- rewrites 1,000,000 rows under an exclusive lock: the gateway stops it (42501)");
    out.println(
        "      -- and names the risk and the staged plan; approvals come with the state store.");
    out.println();
    e.admin()
        .ifPresent(
            a -> {
              String base = "http://" + a.getHostString() + ":" + a.getPort();
              out.println(
                  "Admin: curl " + base + "/health   " + base + "/ready   " + base + "/metrics");
              out.println(
                  "Statements the gateway saw: curl -s "
                      + base
                      + "/metrics | grep drawbridge_gate_statements");
            });
    out.println(
        "PostgreSQL itself (bypassing the gateway): postgresql://postgres@127.0.0.1:"
            + e.upstreamPort()
            + "/shop");
    out.println();
    out.println("Press Ctrl-C to stop; the embedded database and certificate are deleted.");
    out.flush();
  }
}

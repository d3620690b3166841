package dev.drawbridge.gateway.cli;

import dev.drawbridge.gateway.config.AuthModes;
import dev.drawbridge.gateway.config.DataSizes;
import dev.drawbridge.gateway.config.Durations;
import dev.drawbridge.gateway.config.GatewayConfig;
import dev.drawbridge.gateway.config.HostPort;
import dev.drawbridge.gateway.runtime.Gateway;
import dev.drawbridge.proxy.ProxyConfig;
import java.io.PrintWriter;

/** What {@code serve} prints: the resolved settings ({@code --check}) and where it listens. */
final class ServeReport {

  private ServeReport() {}

  /** One line per setting, secrets left out. */
  static void settings(GatewayConfig c, PrintWriter out) {
    ProxyConfig p = c.proxy();
    line(out, "listen", p.listen().getHostString() + ":" + p.listen().getPort());
    line(
        out,
        "upstream",
        p.upstream().user().map(u -> u + "@").orElse("")
            + p.upstream().host()
            + ":"
            + p.upstream().port()
            + "/"
            + p.upstream().database()
            + (p.upstream().password().isPresent() ? " (password set)" : ""));
    line(out, "auth", AuthModes.configName(p.authMode()));
    line(out, "mode", c.mode().configName());
    line(out, "admin", c.admin().map(HostPort::toString).orElse("off"));
    line(out, "tls", p.tls().map(t -> t.certificateChain() + ", " + t.privateKey()).orElse("off"));
    for (ProxyConfig.LocalUser u : p.users()) {
      line(out, "user", u.name() + " " + u.roles().stream().sorted().toList());
    }
    c.oidc()
        .ifPresent(
            o ->
                line(
                    out,
                    "oidc",
                    o.issuer()
                        + " audience "
                        + o.audience()
                        + ", keys "
                        + o.jwksUrl().map(Object::toString).orElse("from discovery")
                        + ", clock-skew "
                        + Durations.format(o.clockSkew())
                        + ", require-tls "
                        + o.requireTls()));
    line(out, "max-message-size", DataSizes.format(p.maxMessageSize()));
    line(out, "max-client-connections", Integer.toString(p.maxClientConnections()));
    line(out, "auth-timeout", Durations.format(p.authTimeout()));
    line(out, "idle-timeout", Durations.format(p.idleTimeout()));
    line(out, "upstream-connect-timeout", Durations.format(p.upstreamConnectTimeout()));
    line(out, "shutdown-grace", Durations.format(p.shutdownGrace()));
    line(out, "event-loop-threads", Integer.toString(p.eventLoopThreads()));
  }

  /** Where the running gateway can be reached. */
  static void listening(GatewayConfig c, Gateway.Addresses bound, PrintWriter out) {
    out.println(
        "Drawbridge is listening on "
            + bound.proxy().getHostString()
            + ":"
            + bound.proxy().getPort()
            + " (auth "
            + AuthModes.configName(c.proxy().authMode())
            + ", mode "
            + c.mode().configName()
            + ", TLS "
            + (c.proxy().tls().isPresent() ? "on" : "off")
            + ") in front of "
            + c.proxy().upstream().host()
            + ":"
            + c.proxy().upstream().port()
            + ".");
    bound
        .admin()
        .ifPresent(
            a ->
                out.println(
                    "Admin: http://"
                        + a.getHostString()
                        + ":"
                        + a.getPort()
                        + "/health, /ready, /metrics"));
  }

  private static void line(PrintWriter out, String key, String value) {
    out.printf("%-25s %s%n", key + ":", value);
  }
}

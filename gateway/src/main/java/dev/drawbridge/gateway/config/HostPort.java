package dev.drawbridge.gateway.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A listen address as written on the command line or in the file: {@code HOST:PORT}, {@code :PORT}
 * (all interfaces) or {@code [IPv6]:PORT}. Port 0 asks the system for a free port.
 */
public record HostPort(String host, int port) {

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
  }

  /**
   * Parses {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException with a message that shows the expected form
   */
  public static HostPort parse(String text) {
    String s = text == null ? "" : text.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "'" + s + "' is not HOST:PORT (for example 127.0.0.1:6432, or :6432 for all interfaces)");
    }
    String host = s.substring(0, colon);
    String portText = s.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "'" + s + "': write IPv6 addresses in brackets, for example [::1]:6432");
    }
    if (host.isEmpty()) {
      host = "0.0.0.0";
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + s + "': the port '" + portText + "' is not a number (for example 127.0.0.1:6432)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'" + s + "': the port must be between 0 and 65535");
    }
    return new HostPort(host, port);
  }

  /** An unresolved-free socket address (resolves the host name now). */
  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

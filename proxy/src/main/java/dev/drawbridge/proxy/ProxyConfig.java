package dev.drawbridge.proxy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the proxy needs to run, validated when built. The gateway module fills it from flags
 * or the YAML config file.
 *
 * @param listen address clients connect to
 * @param upstream the PostgreSQL server behind the gateway
 * @param authMode who authenticates the client
 * @param users local users, used in {@link AuthMode#GATEWAY} mode
 * @param tls certificate and key for client TLS; empty means SSLRequest is answered 'N'
 * @param maxMessageSize largest message a client may send, in bytes (length word included)
 * @param maxClientConnections client sessions allowed at once; more get SQLSTATE 53300
 * @param authTimeout how long a client may take from connect to the end of authentication
 * @param idleTimeout how long a session may sit idle outside a transaction; zero disables it
 * @param upstreamConnectTimeout how long connecting to the upstream may take
 * @param shutdownGrace how long a graceful shutdown waits for in-flight statements
 * @param eventLoopThreads event loop threads; 0 means one per core
 */
public record ProxyConfig(
    InetSocketAddress listen,
    Upstream upstream,
    AuthMode authMode,
    List<LocalUser> users,
    Optional<Tls> tls,
    int maxMessageSize,
    int maxClientConnections,
    Duration authTimeout,
    Duration idleTimeout,
    Duration upstreamConnectTimeout,
    Duration shutdownGrace,
    int eventLoopThreads) {

  /** PostgreSQL's own limit for the startup packet. */
  public static final int MAX_STARTUP_PACKET_SIZE = 10_000;

  public ProxyConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(authMode, "authMode");
    users = List.copyOf(users);
    Objects.requireNonNull(tls, "tls");
    if (maxMessageSize < 1024) {
      throw new IllegalArgumentException("max message size must be at least 1024 bytes");
    }
    if (maxClientConnections < 1) {
      throw new IllegalArgumentException("max client connections must be at least 1");
    }
    requirePositive(authTimeout, "auth timeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout must not be negative");
    }
    requirePositive(upstreamConnectTimeout, "upstream connect timeout");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (eventLoopThreads < 0) {
      throw new IllegalArgumentException("event loop threads must not be negative");
    }
    if (authMode == AuthMode.GATEWAY && upstream.user().isEmpty()) {
      throw new IllegalArgumentException(
          "gateway auth mode needs an upstream user: the gateway logs in upstream itself");
    }
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Who authenticates clients. */
  public enum AuthMode {
    /** The upstream authenticates; the gateway relays the password exchange. */
    PASSTHROUGH,
    /** The gateway authenticates (SCRAM-SHA-256 local users) and logs in upstream itself. */
    GATEWAY
  }

  /**
   * The upstream server.
   *
   * @param host host name or address
   * @param port TCP port
   * @param database default database (used when a client names none)
   * @param user upstream login; required in gateway mode, optional in passthrough mode
   * @param password upstream password, empty when the upstream trusts the gateway
   */
  public record Upstream(
      String host, int port, String database, Optional<String> user, Optional<String> password) {
    public Upstream {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("upstream port out of range: " + port);
      }
    }
  }

  /**
   * A user the gateway authenticates itself.
   *
   * @param name login name
   * @param scramVerifier SCRAM-SHA-256 verifier in PostgreSQL's format {@code
   *     SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}; never a plaintext password
   * @param roles gateway roles such as engineer, approver, auditor
   */
  public record LocalUser(String name, String scramVerifier, Set<String> roles) {
    public LocalUser {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scramVerifier, "scramVerifier");
      if (!scramVerifier.startsWith("SCRAM-SHA-256$")) {
        throw new IllegalArgumentException(
            "user " + name + ": password must be stored as a SCRAM-SHA-256 verifier");
      }
      roles = Set.copyOf(roles);
    }
  }

  /** PEM certificate chain and private key (PKCS#8) for client TLS. */
  public record Tls(Path certificateChain, Path privateKey) {
    public Tls {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  /** Builds a {@link ProxyConfig} with sensible defaults for everything but the addresses. */
  public static final class Builder {
    private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 6432);
    private Upstream upstream;
    private AuthMode authMode = AuthMode.PASSTHROUGH;
    private final List<LocalUser> users = new ArrayList<>();
    private Optional<Tls> tls = Optional.empty();
    private int maxMessageSize = 256 * 1024 * 1024;
    private int maxClientConnections = 1000;
    private Duration authTimeout = Duration.ofSeconds(60);
    private Duration idleTimeout = Duration.ZERO;
    private Duration upstreamConnectTimeout = Duration.ofSeconds(10);
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private int eventLoopThreads = 0;

    private Builder() {}

    public Builder listen(InetSocketAddress listen) {
      this.listen = listen;
      return this;
    }

    public Builder upstream(Upstream upstream) {
      this.upstream = upstream;
      return this;
    }

    public Builder authMode(AuthMode authMode) {
      this.authMode = authMode;
      return this;
    }

    public Builder addUser(LocalUser user) {
      this.users.add(user);
      return this;
    }

    public Builder tls(Tls tls) {
      this.tls = Optional.ofNullable(tls);
      return this;
    }

    public Builder maxMessageSize(int bytes) {
      this.maxMessageSize = bytes;
      return this;
    }

    public Builder maxClientConnections(int n) {
      this.maxClientConnections = n;
      return this;
    }

    public Builder authTimeout(Duration d) {
      this.authTimeout = d;
      return this;
    }

    public Builder idleTimeout(Duration d) {
      this.idleTimeout = d;
      return this;
    }

    public Builder upstreamConnectTimeout(Duration d) {
      this.upstreamConnectTimeout = d;
      return this;
    }

    public Builder shutdownGrace(Duration d) {
      this.shutdownGrace = d;
      return this;
    }

    public Builder eventLoopThreads(int n) {
      this.eventLoopThreads = n;
      return this;
    }

    public ProxyConfig build() {
      return new ProxyConfig(
          listen,
          upstream,
          authMode,
          users,
          tls,
          maxMessageSize,
          maxClientConnections,
          authTimeout,
          idleTimeout,
          upstreamConnectTimeout,
          shutdownGrace,
          eventLoopThreads);
    }
  }
}

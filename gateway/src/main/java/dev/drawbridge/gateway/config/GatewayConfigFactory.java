package dev.drawbridge.gateway.config;

import dev.drawbridge.gateway.audit.AuditSettings;
import dev.drawbridge.gateway.rollout.RolloutConfig;
import dev.drawbridge.gateway.store.StoreSettings;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import dev.drawbridge.proxy.ProxyConfig;
import dev.drawbridge.proxy.ProxyConfig.AuthMode;
import dev.drawbridge.proxy.auth.ScramVerifier;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates merged {@link ConfigSettings} into a {@link GatewayConfig}, collecting every problem
 * before failing so that one run shows them all.
 */
public final class GatewayConfigFactory {

  private final PasswordVerifiers verifiers;

  public GatewayConfigFactory(PasswordVerifiers verifiers) {
    this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
  }

  /**
   * Applies defaults and checks everything.
   *
   * @throws ConfigException listing every problem found
   */
  public GatewayConfig create(ConfigSettings s) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();

    HostPort listen = s.listen() != null ? s.listen() : Defaults.LISTEN;
    AuthMode auth = s.auth() != null ? s.auth() : AuthMode.PASSTHROUGH;
    PolicyMode mode = s.mode() != null ? s.mode() : PolicyMode.ENFORCE;

    ProxyConfig.Upstream upstream = upstream(s, auth, problems);
    Optional<OidcConfig> oidc = oidc(s, auth, problems, warnings);
    List<ProxyConfig.LocalUser> users = users(s, auth, oidc.isPresent(), problems, warnings);
    Optional<ProxyConfig.Tls> tls = tls(s, problems);
    Optional<StoreSettings> stateStore = StoreConfigs.stateStore(s.stateStore(), problems);
    WorkflowSettings workflow = StoreConfigs.workflow(s.workflow(), problems);
    Optional<RolloutConfig> rollout =
        RolloutConfigs.rollout(s.rollout(), stateStore.isPresent(), problems);
    AuditSettings audit = AuditConfigs.audit(s.audit(), problems);

    long maxMessageSize =
        s.maxMessageSize() != null ? s.maxMessageSize() : Defaults.MAX_MESSAGE_SIZE;
    if (maxMessageSize < 1024 || maxMessageSize > Integer.MAX_VALUE) {
      problems.add(
          "max-message-size must be between 1kB and 2047MB, got "
              + DataSizes.format(maxMessageSize)
              + ".");
    }
    int maxClients =
        s.maxClientConnections() != null
            ? s.maxClientConnections()
            : Defaults.MAX_CLIENT_CONNECTIONS;
    if (maxClients < 1) {
      problems.add("max-client-connections must be at least 1, got " + maxClients + ".");
    }
    var authTimeout = s.authTimeout() != null ? s.authTimeout() : Defaults.AUTH_TIMEOUT;
    var idleTimeout = s.idleTimeout() != null ? s.idleTimeout() : Defaults.IDLE_TIMEOUT;
    var connectTimeout =
        s.upstreamConnectTimeout() != null
            ? s.upstreamConnectTimeout()
            : Defaults.UPSTREAM_CONNECT_TIMEOUT;
    var grace = s.shutdownGrace() != null ? s.shutdownGrace() : Defaults.SHUTDOWN_GRACE;
    int threads = s.eventLoopThreads() != null ? s.eventLoopThreads() : Defaults.EVENT_LOOP_THREADS;
    if (authTimeout.isZero() || authTimeout.isNegative()) {
      problems.add("auth-timeout must be longer than 0.");
    }
    if (connectTimeout.isZero() || connectTimeout.isNegative()) {
      problems.add("upstream connect-timeout must be longer than 0.");
    }
    if (threads < 0) {
      problems.add("event-loop-threads must be 0 (one per core) or more, got " + threads + ".");
    }

    Optional<HostPort> admin = Optional.ofNullable(s.admin());
    if (admin.isPresent()
        && admin.get().port() != 0
        && admin.get().port() == listen.port()
        && sameHost(admin.get(), listen)) {
      problems.add(
          "The admin listener ("
              + admin.get()
              + ") and the proxy ("
              + listen
              + ") cannot share a port; pick another for --admin.");
    }

    InetSocketAddress listenAddress = null;
    try {
      listenAddress = listen.toSocketAddress();
      if (listenAddress.isUnresolved()) {
        problems.add("Cannot resolve the listen host '" + listen.host() + "'.");
      }
    } catch (IllegalArgumentException e) {
      problems.add("Listen address " + listen + ": " + e.getMessage());
    }

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    try {
      ProxyConfig.Builder b =
          ProxyConfig.builder()
              .listen(listenAddress)
              .upstream(upstream)
              .authMode(auth)
              .maxMessageSize((int) maxMessageSize)
              .maxClientConnections(maxClients)
              .authTimeout(authTimeout)
              .idleTimeout(idleTimeout)
              .upstreamConnectTimeout(connectTimeout)
              .shutdownGrace(grace)
              .eventLoopThreads(threads);
      tls.ifPresent(b::tls);
      users.forEach(b::addUser);
      return new GatewayConfig(
          b.build(),
          mode,
          admin,
          warnings,
          s.policy() != null ? s.policy() : PolicySettings.defaults(),
          oidc,
          stateStore,
          workflow,
          rollout,
          audit);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("The configuration is not valid: " + e.getMessage() + ".");
    }
  }

  private static boolean sameHost(HostPort a, HostPort b) {
    return a.host().equals(b.host()) || a.host().equals("0.0.0.0") || b.host().equals("0.0.0.0");
  }

  private static ProxyConfig.Upstream upstream(
      ConfigSettings s, AuthMode auth, List<String> problems) {
    if (s.upstream() == null) {
      problems.add(
          "No upstream PostgreSQL is configured: give --upstream"
              + " postgresql://USER:PASSWORD@HOST:PORT/DATABASE or set 'upstream.url' in the"
              + " config file.");
      return null;
    }
    UpstreamUrl url = s.upstream();
    if (s.upstreamPassword() != null) {
      url = url.withPassword(s.upstreamPassword());
    }
    if (auth == AuthMode.GATEWAY && url.user().isEmpty()) {
      problems.add(
          "In gateway auth mode the gateway logs in to PostgreSQL itself, so the upstream URL"
              + " needs a user: postgresql://USER:PASSWORD@"
              + url.host()
              + ":"
              + url.port()
              + "/"
              + url.database()
              + ".");
      return null;
    }
    if (url.port() < 1 || url.port() > 65535) {
      problems.add("The upstream port must be between 1 and 65535, got " + url.port() + ".");
      return null;
    }
    return new ProxyConfig.Upstream(
        url.host(), url.port(), url.database(), url.user(), url.password());
  }

  private static Optional<OidcConfig> oidc(
      ConfigSettings s, AuthMode auth, List<String> problems, List<String> warnings) {
    ConfigSettings.OidcSettings o = s.oidc();
    if (o == null) {
      return Optional.empty();
    }
    if (auth == AuthMode.PASSTHROUGH) {
      warnings.add(
          "The 'oidc' section is ignored in passthrough auth mode (PostgreSQL checks passwords);"
              + " use --auth gateway to accept access tokens.");
      return Optional.empty();
    }
    int before = problems.size();
    URI issuer = null;
    if (o.issuer() == null || o.issuer().isBlank()) {
      problems.add(
          "oidc.issuer is required: the realm's issuer URL, for example"
              + " https://keycloak.example.com/realms/drawbridge.");
    } else {
      issuer = httpUrl("oidc.issuer", o.issuer(), problems);
    }
    Optional<URI> jwks = Optional.empty();
    if (o.jwksUrl() != null) {
      jwks = Optional.ofNullable(httpUrl("oidc.jwks-url", o.jwksUrl(), problems));
    }
    String audience = o.audience() != null ? o.audience() : Defaults.OIDC_AUDIENCE;
    if (audience.isBlank()) {
      problems.add("oidc.audience must not be empty.");
    }
    Duration skew = o.clockSkew() != null ? o.clockSkew() : Defaults.OIDC_CLOCK_SKEW;
    if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
      problems.add("oidc.clock-skew must be between 0 and 5m, got " + skew + ".");
    }
    Duration refresh = o.jwksRefresh() != null ? o.jwksRefresh() : Defaults.OIDC_JWKS_REFRESH;
    if (refresh.compareTo(Duration.ofSeconds(10)) < 0) {
      problems.add("oidc.jwks-refresh must be at least 10s, got " + refresh + ".");
    }
    boolean requireTls = o.requireTls() == null || o.requireTls();
    if (!requireTls) {
      warnings.add("oidc.require-tls is false: access tokens may cross the network unencrypted.");
    }
    if (issuer != null && issuer.getScheme().equals("http") && !isLoopbackHost(issuer.getHost())) {
      warnings.add(
          "oidc.issuer uses plain http on a non-loopback host; the signing keys should be"
              + " fetched over https.");
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new OidcConfig(issuer, jwks, audience, skew, requireTls, refresh));
  }

  private static URI httpUrl(String key, String value, List<String> problems) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
          || uri.getHost() == null) {
        problems.add(key + " must be an http(s) URL with a host, got '" + value + "'.");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      problems.add(key + " is not a valid URL: " + e.getMessage() + ".");
      return null;
    }
  }

  private static boolean isLoopbackHost(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  private List<ProxyConfig.LocalUser> users(
      ConfigSettings s,
      AuthMode auth,
      boolean tokens,
      List<String> problems,
      List<String> warnings) {
    List<UserSpec> specs = s.users() == null ? List.of() : s.users();
    if (auth == AuthMode.GATEWAY && specs.isEmpty() && !tokens) {
      problems.add(
          "Gateway auth mode needs at least one user: add --user NAME:PASSWORD:ROLE or a"
              + " 'users' list in the config file, or an 'oidc' section for access tokens (or"
              + " use --auth passthrough to let PostgreSQL check passwords).");
    }
    if (auth == AuthMode.PASSTHROUGH && !specs.isEmpty()) {
      warnings.add(
          "Local users are ignored in passthrough auth mode (PostgreSQL checks passwords);"
              + " use --auth gateway to enable them.");
      return List.of();
    }
    List<ProxyConfig.LocalUser> users = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (UserSpec spec : specs) {
      if (!seen.add(spec.name())) {
        problems.add("User " + spec.name() + " is defined twice; keep one.");
        continue;
      }
      String verifier;
      if (spec.hasVerifier()) {
        verifier = spec.password();
        try {
          ScramVerifier.parse(verifier);
        } catch (IllegalArgumentException e) {
          problems.add(
              "User "
                  + spec.name()
                  + ": the password looks like a SCRAM-SHA-256 verifier but cannot be read ("
                  + e.getMessage()
                  + "); copy it again from pg_authid.rolpassword, or give the plaintext"
                  + " password.");
          continue;
        }
      } else if (spec.password().regionMatches(true, 0, "md5", 0, 3)
          && spec.password().length() == 35) {
        problems.add(
            "User "
                + spec.name()
                + " has an MD5 password hash; the gateway accepts only SCRAM-SHA-256 verifiers"
                + " or plaintext passwords.");
        continue;
      } else {
        try {
          verifier = verifiers.fromPlaintext(spec.password());
        } catch (UnsupportedOperationException e) {
          problems.add(
              "User "
                  + spec.name()
                  + " has a plaintext password, but "
                  + e.getMessage()
                  + " Give a SCRAM-SHA-256 verifier instead.");
          continue;
        }
      }
      try {
        users.add(new ProxyConfig.LocalUser(spec.name(), verifier, spec.roles()));
      } catch (IllegalArgumentException e) {
        problems.add("User " + spec.name() + ": " + e.getMessage() + ".");
      }
    }
    return users;
  }

  private static Optional<ProxyConfig.Tls> tls(ConfigSettings s, List<String> problems) {
    Path cert = s.tlsCert();
    Path key = s.tlsKey();
    if (cert == null && key == null) {
      return Optional.empty();
    }
    if (cert == null || key == null) {
      problems.add(
          "TLS needs both a certificate and a private key: give --tls-cert and --tls-key (or"
              + " tls.cert and tls.key in the file), or neither to run without TLS.");
      return Optional.empty();
    }
    boolean ok = true;
    for (Path p : List.of(cert, key)) {
      if (!Files.isRegularFile(p)) {
        problems.add("TLS file " + p.toAbsolutePath() + " does not exist or is not a file.");
        ok = false;
      } else if (!Files.isReadable(p)) {
        problems.add("TLS file " + p.toAbsolutePath() + " is not readable by this user.");
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    Optional<String> certProblem = TlsFiles.certificateProblem(cert);
    Optional<String> keyProblem = TlsFiles.keyProblem(key);
    certProblem.ifPresent(problems::add);
    keyProblem.ifPresent(problems::add);
    return certProblem.isEmpty() && keyProblem.isEmpty()
        ? Optional.of(new ProxyConfig.Tls(cert, key))
        : Optional.empty();
  }
}

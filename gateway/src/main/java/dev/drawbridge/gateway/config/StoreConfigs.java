package dev.drawbridge.gateway.config;

import dev.drawbridge.gateway.store.StoreSettings;
import dev.drawbridge.gateway.workflow.ElevationExpiry;
import dev.drawbridge.gateway.workflow.SessionLogin;
import dev.drawbridge.gateway.workflow.WorkflowSettings;
import java.util.List;
import java.util.Optional;

/** Validates the {@code state-store} and {@code workflow} sections. */
final class StoreConfigs {

  private StoreConfigs() {}

  /**
   * The store settings, or empty when the section is absent (or wrong: then {@code problems} says
   * why).
   */
  static Optional<StoreSettings> stateStore(StateStoreSection s, List<String> problems) {
    if (s == null) {
      return Optional.empty();
    }
    String jdbcUrl;
    Optional<String> urlUser = Optional.empty();
    Optional<String> urlPassword = Optional.empty();
    if (s.url() != null) {
      if (s.host() != null || s.port() != null || s.database() != null) {
        problems.add("state-store: give either url or host/port/database, not both.");
        return Optional.empty();
      }
      if (s.url().startsWith("jdbc:postgresql:")) {
        jdbcUrl = s.url();
      } else {
        UpstreamUrl u;
        try {
          u = UpstreamUrl.parse(s.url());
        } catch (IllegalArgumentException e) {
          problems.add("state-store.url: " + e.getMessage());
          return Optional.empty();
        }
        jdbcUrl = jdbcUrl(u.host(), u.port(), u.database());
        urlUser = u.user();
        urlPassword = u.password();
      }
    } else if (s.host() != null && s.database() != null) {
      jdbcUrl = jdbcUrl(s.host(), s.port() == null ? 5432 : s.port(), s.database());
    } else {
      problems.add(
          "state-store needs url (postgresql://USER:PASSWORD@HOST:PORT/DATABASE) or host and"
              + " database.");
      return Optional.empty();
    }
    Optional<String> user = s.user() != null ? Optional.of(s.user()) : urlUser;
    if (user.isEmpty() || user.get().isBlank()) {
      problems.add(
          "state-store.user is missing: the gateway logs in to the state store as this role.");
      return Optional.empty();
    }
    String password = s.password() != null ? s.password() : urlPassword.orElse("");
    try {
      return Optional.of(
          new StoreSettings(
              jdbcUrl,
              user.get(),
              password,
              s.poolSize() == null ? StoreSettings.DEFAULT_POOL_SIZE : s.poolSize(),
              s.connectTimeout() == null
                  ? StoreSettings.DEFAULT_CONNECT_TIMEOUT
                  : s.connectTimeout()));
    } catch (IllegalArgumentException e) {
      problems.add("state-store: " + e.getMessage() + ".");
      return Optional.empty();
    }
  }

  private static String jdbcUrl(String host, int port, String database) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /** The workflow settings, defaults filled in. */
  static WorkflowSettings workflow(WorkflowSection w, List<String> problems) {
    WorkflowSettings d = WorkflowSettings.defaults();
    if (w == null) {
      return d;
    }
    try {
      return new WorkflowSettings(
          pick(w.approvalsRequired(), d.approvalsRequired()),
          pick(w.defaultWindow(), d.defaultWindow()),
          pick(w.maxWindow(), d.maxWindow()),
          pick(w.requestTimeout(), d.requestTimeout()),
          pick(w.sweepInterval(), d.sweepInterval()),
          login("workflow.read-login", w.readLogin(), problems),
          login("workflow.write-login", w.writeLogin(), problems),
          w.onElevationExpiry() == null
              ? d.onElevationExpiry()
              : ElevationExpiry.parse(w.onElevationExpiry()),
          pick(w.grantRecheck(), d.grantRecheck()));
    } catch (IllegalArgumentException e) {
      problems.add("workflow: " + e.getMessage() + ".");
      return d;
    }
  }

  private static Optional<SessionLogin> login(
      String key, WorkflowSection.Login l, List<String> problems) {
    if (l == null) {
      return Optional.empty();
    }
    if (l.user() == null || l.user().isBlank()) {
      problems.add(key + ".user is missing: sessions at this level log in upstream as this role.");
      return Optional.empty();
    }
    return Optional.of(
        new SessionLogin(l.user(), Optional.ofNullable(l.password()).filter(p -> !p.isEmpty())));
  }

  private static <T> T pick(T value, T fallback) {
    return value != null ? value : fallback;
  }
}

package dev.drawbridge.gateway.catalog;

import dev.drawbridge.gateway.catalog.InspectedCatalog.ResolvedTable;
import dev.drawbridge.policy.facts.FunctionFacts;
import dev.drawbridge.policy.facts.PgVersion;
import dev.drawbridge.policy.facts.TypeFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers what the {@link CatalogInspector} found, per database and object, for a time-to-live
 * measured on an injected {@link Clock}. Absent objects are remembered too (a miss is a fact).
 * Unqualified names are cached per search_path, since the path decides what they resolve to. The
 * gateway calls {@link #invalidate} after it forwards DDL on a table, and {@link
 * #invalidateDatabase} when it cannot tell what changed. Thread-safe.
 */
public final class CatalogCache {

  /** The connection source the cache asks when it must inspect. */
  @FunctionalInterface
  public interface ConnectionSource {
    Connection open() throws SQLException;
  }

  private enum Kind {
    SERVER,
    TABLE,
    FUNCTION,
    TYPE
  }

  private record Key(String database, Kind kind, String name, String searchPath) {}

  private record Entry(Instant at, Object value) {}

  private record Server(PgVersion version, Map<String, String> settings, List<String> path) {}

  private static final Object ABSENT = new Object();

  private final CatalogInspector inspector;
  private final Clock clock;
  private final Duration ttl;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  public CatalogCache(CatalogInspector inspector, Clock clock, Duration ttl) {
    this.inspector = Objects.requireNonNull(inspector);
    this.clock = Objects.requireNonNull(clock);
    this.ttl = Objects.requireNonNull(ttl);
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
  }

  /**
   * The facts for {@code refs} in {@code database} (any stable identity, e.g. its URL), inspecting
   * through {@code source} only what is missing or expired.
   */
  public InspectedCatalog facts(
      String database, ObjectReferences refs, Optional<String> searchPath, ConnectionSource source)
      throws SQLException {
    String path = searchPath.orElse("");
    Set<String> missingNames = new LinkedHashSet<>();
    Set<String> missingFunctions = new LinkedHashSet<>();
    Server server = (Server) get(new Key(database, Kind.SERVER, "", path));
    for (String n : refs.names()) {
      if (get(new Key(database, Kind.TABLE, n, pathFor(n, path))) == null
          || get(new Key(database, Kind.TYPE, n, pathFor(n, path))) == null) {
        missingNames.add(n);
      }
    }
    for (String f : refs.functions()) {
      if (get(new Key(database, Kind.FUNCTION, f, pathFor(f, path))) == null) {
        missingFunctions.add(f);
      }
    }
    if (server == null || !missingNames.isEmpty() || !missingFunctions.isEmpty()) {
      InspectedCatalog fresh;
      try (Connection c = source.open()) {
        fresh =
            inspector.inspect(c, ObjectReferences.of(missingNames, missingFunctions), searchPath);
      }
      Instant now = clock.instant();
      server = new Server(fresh.version(), fresh.settings(), fresh.searchPath());
      entries.put(new Key(database, Kind.SERVER, "", path), new Entry(now, server));
      for (String n : missingNames) {
        put(new Key(database, Kind.TABLE, n, pathFor(n, path)), now, fresh.tables().get(n));
        put(new Key(database, Kind.TYPE, n, pathFor(n, path)), now, fresh.types().get(n));
      }
      for (String f : missingFunctions) {
        put(new Key(database, Kind.FUNCTION, f, pathFor(f, path)), now, fresh.functions().get(f));
      }
    }
    Server s = server;
    Map<String, ResolvedTable> tables = new LinkedHashMap<>();
    Map<String, TypeFacts> types = new LinkedHashMap<>();
    Map<String, FunctionFacts> functions = new LinkedHashMap<>();
    for (String n : refs.names()) {
      if (get(new Key(database, Kind.TABLE, n, pathFor(n, path))) instanceof ResolvedTable t) {
        tables.put(n, t);
      }
      if (get(new Key(database, Kind.TYPE, n, pathFor(n, path))) instanceof TypeFacts t) {
        types.put(n, t);
      }
    }
    for (String f : refs.functions()) {
      if (get(new Key(database, Kind.FUNCTION, f, pathFor(f, path))) instanceof FunctionFacts t) {
        functions.put(f, t);
      }
    }
    InspectedCatalog result =
        new InspectedCatalog(s.version(), s.settings(), s.path(), tables, functions, types);
    if (!refs.attachments().isEmpty()) {
      // Bound checks depend on the statement's bound, not only on names: never cached.
      Set<String> involved = new LinkedHashSet<>();
      refs.attachments()
          .forEach(
              a -> {
                involved.add(a.parent());
                involved.add(a.partition());
              });
      try (Connection c = source.open()) {
        InspectedCatalog bound =
            inspector.inspect(
                c, new ObjectReferences(involved, Set.of(), refs.attachments()), searchPath);
        result = result.withPartitions(bound.partitions());
      }
    }
    return result;
  }

  /**
   * The facts for {@code refs} if every one of them is cached and fresh; empty when anything would
   * have to be inspected. Never blocks, so the statement gate can call it on an event loop.
   */
  public Optional<InspectedCatalog> cached(
      String database, ObjectReferences refs, Optional<String> searchPath) {
    String path = searchPath.orElse("");
    if (!refs.attachments().isEmpty()
        || !(get(new Key(database, Kind.SERVER, "", path)) instanceof Server s)) {
      return Optional.empty();
    }
    Map<String, ResolvedTable> tables = new LinkedHashMap<>();
    Map<String, TypeFacts> types = new LinkedHashMap<>();
    Map<String, FunctionFacts> functions = new LinkedHashMap<>();
    for (String n : refs.names()) {
      Object table = get(new Key(database, Kind.TABLE, n, pathFor(n, path)));
      Object type = get(new Key(database, Kind.TYPE, n, pathFor(n, path)));
      if (table == null || type == null) {
        return Optional.empty();
      }
      if (table instanceof ResolvedTable t) {
        tables.put(n, t);
      }
      if (type instanceof TypeFacts t) {
        types.put(n, t);
      }
    }
    for (String f : refs.functions()) {
      Object fn = get(new Key(database, Kind.FUNCTION, f, pathFor(f, path)));
      if (fn == null) {
        return Optional.empty();
      }
      if (fn instanceof FunctionFacts t) {
        functions.put(f, t);
      }
    }
    return Optional.of(
        new InspectedCatalog(s.version(), s.settings(), s.path(), tables, functions, types));
  }

  /** Forgets a table (by its unqualified name, under every schema and search_path). */
  public void invalidate(String database, String table) {
    String bare = table.substring(table.lastIndexOf('.') + 1);
    entries
        .keySet()
        .removeIf(
            k ->
                k.database().equals(database)
                    && k.kind() == Kind.TABLE
                    && k.name().substring(k.name().lastIndexOf('.') + 1).equals(bare));
  }

  /** Forgets everything about one database. */
  public void invalidateDatabase(String database) {
    entries.keySet().removeIf(k -> k.database().equals(database));
  }

  /** How many objects are cached (expired ones included until they are next asked for). */
  public int size() {
    return entries.size();
  }

  private static String pathFor(String name, String path) {
    return name.indexOf('.') >= 0 ? "" : path;
  }

  private void put(Key key, Instant at, Object value) {
    entries.put(key, new Entry(at, value == null ? ABSENT : value));
  }

  /** The cached value, {@link #ABSENT} for a remembered miss, null when unknown or expired. */
  private Object get(Key key) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (clock.instant().isAfter(e.at().plus(ttl))) {
      entries.remove(key, e);
      return null;
    }
    return e.value();
  }
}

package dev.drawbridge.gateway.enforce;

import dev.drawbridge.gateway.catalog.ObjectReferences;
import dev.drawbridge.policy.facts.CatalogFacts;
import java.util.Optional;

/** Where the gate gets catalog facts for the objects a schema change refers to. */
public interface FactsSource {

  /**
   * The facts if they are at hand without blocking (cached and fresh); empty otherwise. Called on
   * the event loop.
   */
  Optional<CatalogFacts> cached(
      String database, ObjectReferences refs, Optional<String> searchPath);

  /**
   * The facts, inspecting the database if needed. Blocks: called on the gate's executor only.
   *
   * @throws Exception when the database cannot be asked; the gate then treats the facts as unknown
   */
  CatalogFacts fetch(String database, ObjectReferences refs, Optional<String> searchPath)
      throws Exception;

  /** A schema change on {@code table} was let through: what is known about it may be stale. */
  void changed(String database, String table);

  /** No catalog at all: every schema change is judged on unknown facts (a large, busy table). */
  static FactsSource none() {
    return new FactsSource() {
      @Override
      public Optional<CatalogFacts> cached(
          String database, ObjectReferences refs, Optional<String> searchPath) {
        return Optional.of(CatalogFacts.unknown());
      }

      @Override
      public CatalogFacts fetch(
          String database, ObjectReferences refs, Optional<String> searchPath) {
        return CatalogFacts.unknown();
      }

      @Override
      public void changed(String database, String table) {}
    };
  }
}

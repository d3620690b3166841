package dev.drawbridge.policy.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the catalog says about one table. Missing numbers mean "unknown", which the rules read as a
 * large, busy table. Stale statistics are not trusted: a table is empty only when its row estimate
 * is 0 and its size (when known) is at most {@link #EMPTY_SIZE_LIMIT} bytes. {@code foreignKeys}
 * maps the table's outgoing foreign-key constraints to the tables they reference (dropping such a
 * constraint, or the table, also takes ACCESS EXCLUSIVE on the referenced table).
 */
public record TableFacts(
    OptionalLong estimatedRows,
    OptionalLong sizeBytes,
    boolean partitioned,
    boolean createdInThisTransaction,
    Map<String, ColumnFacts> columns,
    List<String> primaryKey,
    Map<String, IndexFacts> indexes,
    List<QualifiedName> partitions,
    List<String> partitionKey,
    Map<String, QualifiedName> foreignKeys) {

  /** An empty heap plus a few empty indexes stays well below this. */
  public static final long EMPTY_SIZE_LIMIT = 1L << 20;

  public TableFacts {
    columns = Map.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = Map.copyOf(indexes);
    partitions = List.copyOf(partitions);
    partitionKey = List.copyOf(partitionKey);
    foreignKeys = Map.copyOf(foreignKeys);
  }

  /** Nothing known: treated as large and busy. */
  public static TableFacts unknown() {
    return builder().build();
  }

  public boolean isEmpty() {
    if (createdInThisTransaction) {
      return true;
    }
    if (estimatedRows.isEmpty() || estimatedRows.getAsLong() != 0) {
      return false;
    }
    return sizeBytes.isEmpty() || sizeBytes.getAsLong() <= EMPTY_SIZE_LIMIT;
  }

  public Optional<ColumnFacts> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Test and adapter builder. */
  public static final class Builder {
    private OptionalLong rows = OptionalLong.empty();
    private OptionalLong size = OptionalLong.empty();
    private boolean partitioned;
    private boolean created;
    private final Map<String, ColumnFacts> columns = new LinkedHashMap<>();
    private List<String> primaryKey = List.of();
    private final Map<String, IndexFacts> indexes = new LinkedHashMap<>();
    private List<QualifiedName> partitions = List.of();
    private List<String> partitionKey = List.of();
    private final Map<String, QualifiedName> foreignKeys = new LinkedHashMap<>();

    /** An outgoing foreign key of this table: constraint name to the referenced table. */
    public Builder foreignKey(String constraint, String referencedTable) {
      foreignKeys.put(constraint, QualifiedName.parse(referencedTable));
      return this;
    }

    public Builder rows(long n) {
      rows = OptionalLong.of(n);
      return this;
    }

    public Builder sizeBytes(long n) {
      size = OptionalLong.of(n);
      return this;
    }

    public Builder partitioned(List<QualifiedName> parts, List<String> key) {
      partitioned = true;
      partitions = parts;
      partitionKey = key;
      return this;
    }

    public Builder createdInThisTransaction() {
      created = true;
      return this;
    }

    public Builder column(ColumnFacts c) {
      columns.put(c.name(), c);
      return this;
    }

    public Builder column(String name, String type, boolean notNull) {
      return column(ColumnFacts.of(name, type, notNull));
    }

    public Builder primaryKey(String... cols) {
      primaryKey = List.of(cols);
      return this;
    }

    public Builder index(IndexFacts i) {
      indexes.put(i.name(), i);
      return this;
    }

    public TableFacts build() {
      return new TableFacts(
          rows,
          size,
          partitioned,
          created,
          columns,
          primaryKey,
          indexes,
          partitions,
          partitionKey,
          foreignKeys);
    }
  }
}

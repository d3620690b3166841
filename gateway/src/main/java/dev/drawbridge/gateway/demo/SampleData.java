package dev.drawbridge.gateway.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * The demo's shop schema: {@code customers}, {@code products} and {@code orders} with realistic
 * columns, keys, foreign keys and indexes. Rows come from {@code generate_series} in one {@code
 * INSERT ... SELECT} per table, deterministically (the same scale gives the same data), inside one
 * transaction so that with {@code wal_level=minimal} PostgreSQL skips writing WAL for them.
 */
public final class SampleData {

  /**
   * How many rows to make.
   *
   * @param customers rows in customers
   * @param products rows in products
   * @param orders rows in orders
   */
  public record Scale(int customers, int products, int orders) {

    /** The demo's default: big enough that a table rewrite of orders is noticeable. */
    public static final Scale DEMO = new Scale(50_000, 2_000, 1_000_000);

    public Scale {
      if (customers < 1 || products < 1 || orders < 0) {
        throw new IllegalArgumentException(
            "the demo needs at least one customer and one product, and no negative row counts");
      }
    }
  }

  private SampleData() {}

  /**
   * Creates and fills the tables in the connection's database, then analyzes them.
   *
   * @param progress told about each step, for the person waiting
   */
  public static void load(Connection c, Scale scale, Consumer<String> progress)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      progress.accept("creating tables customers, products, orders");
      s.execute(
          """
          CREATE TABLE customers (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            email       text        NOT NULL UNIQUE,
            full_name   text        NOT NULL,
            country     char(2)     NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now()
          )""");
      s.execute(
          """
          CREATE TABLE products (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            sku          text        NOT NULL UNIQUE,
            name         text        NOT NULL,
            price_cents  integer     NOT NULL CHECK (price_cents > 0),
            active       boolean     NOT NULL DEFAULT true,
            created_at   timestamptz NOT NULL DEFAULT now()
          )""");
      s.execute(
          """
          CREATE TABLE orders (
            id           bigint GENERATED ALWAYS AS IDENTITY,
            customer_id  bigint      NOT NULL,
            product_id   bigint      NOT NULL,
            quantity     integer     NOT NULL CHECK (quantity > 0),
            total_cents  bigint      NOT NULL,
            status       text        NOT NULL
                         CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
            created_at   timestamptz NOT NULL,
            shipped_at   timestamptz
          )""");

      progress.accept(String.format("loading %,d customers", scale.customers()));
      s.execute(
          """
          INSERT INTO customers (email, full_name, country, created_at)
          SELECT 'customer' || g || '@example.com',
                 (ARRAY['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken'])
                   [1 + g %% 8] || ' ' ||
                 (ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen',
                        'Thompson'])[1 + (g / 8) %% 8],
                 (ARRAY['DE', 'FR', 'US', 'GB', 'NL', 'SE', 'JP', 'BR'])[1 + (g * 7) %% 8],
                 timestamptz '2022-01-01 00:00:00+00' + (g %% 1000) * interval '1 day'
          FROM generate_series(1::bigint, %d) AS g"""
              .formatted(scale.customers()));

      progress.accept(String.format("loading %,d products", scale.products()));
      s.execute(
          """
          INSERT INTO products (sku, name, price_cents, active)
          SELECT 'SKU-' || lpad(g::text, 6, '0'),
                 (ARRAY['Widget', 'Gadget', 'Sprocket', 'Gizmo', 'Doohickey'])[1 + g %% 5]
                   || ' ' || g,
                 100 + (g * 37) %% 9900,
                 g %% 17 <> 0
          FROM generate_series(1::bigint, %d) AS g"""
              .formatted(scale.products()));

      progress.accept(String.format("loading %,d orders", scale.orders()));
      s.execute(
          """
          INSERT INTO orders (customer_id, product_id, quantity, total_cents, status, created_at,
                              shipped_at)
          SELECT o.customer_id, o.product_id, o.quantity,
                 o.quantity * (100 + (o.product_id * 37) %% 9900),
                 o.status, o.created_at,
                 CASE WHEN o.status IN ('shipped', 'delivered')
                      THEN o.created_at + interval '2 days' END
          FROM (
            SELECT 1 + (g * 7919) %% %d AS customer_id,
                   1 + (g * 104729) %% %d AS product_id,
                   1 + g %% 5 AS quantity,
                   (ARRAY['delivered', 'delivered', 'delivered', 'shipped', 'paid', 'pending',
                          'cancelled'])[1 + (g * 13) %% 7] AS status,
                   timestamptz '2024-01-01 00:00:00+00' + g * interval '30 seconds' AS created_at
            FROM generate_series(1::bigint, %d) AS g
          ) AS o"""
              .formatted(scale.customers(), scale.products(), scale.orders()));

      progress.accept("adding keys and indexes on orders");
      s.execute("ALTER TABLE orders ADD PRIMARY KEY (id)");
      s.execute(
          "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey"
              + " FOREIGN KEY (customer_id) REFERENCES customers (id)");
      s.execute(
          "ALTER TABLE orders ADD CONSTRAINT orders_product_id_fkey"
              + " FOREIGN KEY (product_id) REFERENCES products (id)");
      s.execute("CREATE INDEX orders_customer_id_idx ON orders (customer_id)");
      s.execute("CREATE INDEX orders_created_at_idx ON orders (created_at)");
      c.commit();

      progress.accept("analyzing");
      c.setAutoCommit(true);
      s.execute("ANALYZE customers, products, orders");
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }
}

package io.vodkit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.testkit.TestPostgres;

/**
 * A test class's own schema on the test PostgreSQL ({@link TestPostgres}), with a caller-owned pool
 * opened on first use: {@link #emptyStore()} gives a store on empty tables (skipping the test
 * loudly when PostgreSQL is down), {@link #anotherStore()} a second store on the same pool, as a
 * second process would have; {@link #close()} (from {@code @AfterAll}) closes the pool and drops the
 * schema.
 */
final class PostgresSchema implements AutoCloseable {
  private final String schema;
  private final int poolSize;
  private HikariDataSource pool;

  PostgresSchema(Class<?> testClass, int poolSize) {
    this.schema = TestPostgres.schemaFor(testClass);
    this.poolSize = poolSize;
  }

  /** A store in this schema, every table emptied. */
  synchronized JdbcStore emptyStore() {
    TestPostgres.assumeReachable();
    if (pool == null) {
      pool = TestPools.pool(poolSize);
    }
    JdbcStore store = JdbcStore.postgres(pool, schema);
    TestPostgres.emptyTables(schema);
    return store;
  }

  /** One more store on the same pool and schema (tables untouched); the caller closes it. */
  synchronized JdbcStore anotherStore() {
    return JdbcStore.postgres(pool, schema);
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
    }
    if (TestPostgres.reachable()) {
      TestPostgres.dropSchema(schema);
    }
  }
}

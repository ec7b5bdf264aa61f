package io.vodkit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.spi.MetadataStore;
import io.vodkit.testkit.MetadataStoreContractTest;
import io.vodkit.testkit.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the MetadataStore contract against {@link JdbcStore} on the real PostgreSQL (see {@link
 * TestPostgres}), through a caller-owned pool with the tables in this class's own schema; every
 * test starts from empty tables. The schema is dropped afterwards.
 */
class PostgresStoreContractTest extends MetadataStoreContractTest {
  private static String schema;
  private static HikariDataSource pool;

  @BeforeAll
  static void nameTheSchema() {
    schema = TestPostgres.schemaFor(PostgresStoreContractTest.class);
  }

  @AfterAll
  static void dropSchema() {
    if (pool != null) {
      pool.close();
    }
    if (TestPostgres.reachable()) {
      TestPostgres.dropSchema(schema);
    }
  }

  @Override
  protected MetadataStore newStore() {
    TestPostgres.assumeReachable();
    if (pool == null) {
      pool = TestPools.pool(20);
    }
    JdbcStore store = JdbcStore.postgres(pool, schema);
    TestPostgres.emptyTables(schema);
    return store;
  }
}

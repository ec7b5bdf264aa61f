package io.vodkit.store.jdbc;

import io.vodkit.spi.MetadataStore;
import io.vodkit.testkit.MetadataStoreContractTest;
import io.vodkit.testkit.TestPostgres;
import org.junit.jupiter.api.AfterAll;

/**
 * Runs the MetadataStore contract against {@link JdbcStore} on the real PostgreSQL (see {@link
 * TestPostgres}), through a caller-owned pool with the tables in this class's own schema; every
 * test starts from empty tables. The schema is dropped afterwards.
 */
class PostgresStoreContractTest extends MetadataStoreContractTest {
  private static final PostgresSchema DATABASE = new PostgresSchema(PostgresStoreContractTest.class, 20);

  @AfterAll
  static void dropSchema() {
    DATABASE.close();
  }

  @Override
  protected MetadataStore newStore() {
    return DATABASE.emptyStore();
  }
}

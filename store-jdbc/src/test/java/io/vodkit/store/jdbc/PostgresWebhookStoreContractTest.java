package io.vodkit.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookStore;
import io.vodkit.testkit.TestPostgres;
import io.vodkit.testkit.WebhookStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the WebhookStore contract against {@link JdbcStore} on the real PostgreSQL (see {@link
 * TestPostgres}) in this class's own schema, emptied before every test and dropped afterwards.
 * The race tests use a second store on the same pool, as a second process would.
 */
class PostgresWebhookStoreContractTest extends WebhookStoreContractTest {
  private static String schema;
  private static HikariDataSource pool;

  @BeforeAll
  static void nameTheSchema() {
    schema = TestPostgres.schemaFor(PostgresWebhookStoreContractTest.class);
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
  protected WebhookStore newStore() {
    TestPostgres.assumeReachable();
    if (pool == null) {
      pool = TestPools.pool(24);
    }
    JdbcStore store = JdbcStore.postgres(pool, schema);
    TestPostgres.emptyTables(schema);
    return store;
  }

  @Override
  protected MetadataStore metadata(WebhookStore store) {
    return (JdbcStore) store;
  }

  @Override
  protected WebhookStore anotherStoreOnTheSameDatabase() {
    JdbcStore other = JdbcStore.postgres(pool, schema);
    closeAfterTest(other);
    return other;
  }
}

package io.vodkit.store.jdbc;

import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookStore;
import io.vodkit.testkit.TestPostgres;
import io.vodkit.testkit.WebhookStoreContractTest;
import org.junit.jupiter.api.AfterAll;

/**
 * Runs the WebhookStore contract against {@link JdbcStore} on the real PostgreSQL (see {@link
 * TestPostgres}) in this class's own schema, emptied before every test and dropped afterwards.
 * The race tests use a second store on the same pool, as a second process would.
 */
class PostgresWebhookStoreContractTest extends WebhookStoreContractTest {
  private static final PostgresSchema DATABASE =
      new PostgresSchema(PostgresWebhookStoreContractTest.class, 24);

  @AfterAll
  static void dropSchema() {
    DATABASE.close();
  }

  @Override
  protected WebhookStore newStore() {
    return DATABASE.emptyStore();
  }

  @Override
  protected MetadataStore metadata(WebhookStore store) {
    return (JdbcStore) store;
  }

  @Override
  protected WebhookStore anotherStoreOnTheSameDatabase() {
    JdbcStore other = DATABASE.anotherStore();
    closeAfterTest(other);
    return other;
  }
}

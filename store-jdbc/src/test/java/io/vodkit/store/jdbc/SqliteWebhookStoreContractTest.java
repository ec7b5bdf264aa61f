package io.vodkit.store.jdbc;

import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookStore;
import io.vodkit.testkit.WebhookStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the WebhookStore contract against {@link JdbcStore} on a fresh SQLite file per test. */
class SqliteWebhookStoreContractTest extends WebhookStoreContractTest {
  @TempDir Path dir;

  @Override
  protected WebhookStore newStore() {
    return JdbcStore.sqlite(dir.resolve("vodkit.db"));
  }

  @Override
  protected MetadataStore metadata(WebhookStore store) {
    return (JdbcStore) store;
  }

  /** A second store on the same file, as a second process would open it. */
  @Override
  protected WebhookStore anotherStoreOnTheSameDatabase() {
    JdbcStore other = JdbcStore.sqlite(dir.resolve("vodkit.db"));
    closeAfterTest(other);
    return other;
  }
}

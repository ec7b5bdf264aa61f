package io.vodkit.store.jdbc;

import io.vodkit.spi.MetadataStore;
import io.vodkit.testkit.MetadataStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the MetadataStore contract against {@link JdbcStore} on a fresh SQLite file per test. */
class SqliteStoreContractTest extends MetadataStoreContractTest {
  @TempDir Path dir;

  @Override
  protected MetadataStore newStore() {
    return JdbcStore.sqlite(dir.resolve("vodkit.db"));
  }
}

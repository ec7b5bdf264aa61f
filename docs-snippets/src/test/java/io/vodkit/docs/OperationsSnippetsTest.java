package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.spi.MetadataStore;
import io.vodkit.store.jdbc.JdbcStore;
import io.vodkit.testkit.TestPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * src-docs/operations.md's four ways to open the store on PostgreSQL, each opened for real on the
 * machine's PostgreSQL (in a schema of this test, dropped afterwards).
 */
class OperationsSnippetsTest {
  private final String schema = TestPostgres.schemaFor(OperationsSnippetsTest.class);
  private HikariDataSource pool;

  @AfterEach
  void cleanUp() {
    if (pool != null) {
      pool.close();
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  void everyWayToOpenThePostgresStoreWorks() {
    TestPostgres.assumeReachable();
    String jdbcUrl = TestPostgres.URL + "&currentSchema=" + schema;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestPostgres.URL);
    config.setSchema(schema);
    config.setMaximumPoolSize(4);
    TestPostgres.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
    pool = new HikariDataSource(config);
    DataSource dataSource = pool;
    // snippet:operations-postgres-store
    // 1. A pool the store builds and owns (HikariCP, 10 connections, closed with the store):
    MetadataStore ownPool = JdbcStore.postgres(jdbcUrl);

    // 2. The same, with the tables in a schema of their own (created if missing):
    MetadataStore ownPoolInSchema = JdbcStore.postgres(jdbcUrl, schema);

    // 3. Your application's pooled DataSource (never closed by the store), in the schema its
    //    connections' search_path names:
    MetadataStore yourPool = JdbcStore.postgres(dataSource);

    // 4. Your DataSource with the tables in a named schema: every operation sets the search path
    //    for its own transaction only (SET LOCAL), so your connections go back unchanged. One more
    //    round trip per operation; if the pool can open its connections in the schema already
    //    (HikariConfig.setSchema, or currentSchema=vodkit in the URL), prefer form 3.
    MetadataStore yourPoolInSchema = JdbcStore.postgres(dataSource, schema);
    // end:operations-postgres-store
    for (MetadataStore store : List.of(ownPool, ownPoolInSchema, yourPool, yourPoolInSchema)) {
      try (store) {
        assertThat(store.listVideos("nobody", null, 1)).isEmpty();
      }
    }
    assertThat(pool.isClosed()).as("the application's pool stays open").isFalse();
  }
}

package io.vodkit.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.testkit.TestPostgres;

/** Connection pools on the test PostgreSQL ({@link TestPostgres}), for tests that bring their own. */
final class TestPools {
  private TestPools() {}

  /** A pool of {@code size} connections in the default schema, owned by the caller. */
  static HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestPostgres.URL);
    config.setMaximumPoolSize(size);
    config.setPoolName("vodkit-test");
    return new HikariDataSource(config);
  }
}

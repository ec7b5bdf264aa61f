package io.vodkit.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the databases {@link JdbcStore} runs on: how a connection is prepared, how
 * a write transaction starts and ends, and how the claim query locks the row it picks. Everything
 * else is portable SQL.
 *
 * <p>To add a database, add a constant that implements these hooks (PostgreSQL: {@code
 * setAutoCommit(false)} to begin, {@code FOR UPDATE SKIP LOCKED} as the claim lock, no in-process
 * writer lock) and run {@code MetadataStoreContractTest} against it. Stateless and thread-safe.
 */
public enum Dialect {
  /**
   * SQLite 3.35+ in WAL mode. Writers take the database lock up front ({@code BEGIN IMMEDIATE}),
   * so two processes serialize on the file lock (waiting up to the busy timeout) instead of
   * failing on a lock upgrade; inside one process a Java lock queues writers first.
   */
  SQLITE {
    @Override
    void prepare(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MS);
        st.execute("PRAGMA foreign_keys = ON");
      }
    }

    @Override
    void initialize(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA journal_mode = WAL");
      }
    }

    @Override
    void begin(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
      }
    }

    @Override
    void commit(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.execute("COMMIT");
      }
    }

    @Override
    void rollback(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.execute("ROLLBACK");
      }
    }

    @Override
    String claimLock() {
      return ""; // BEGIN IMMEDIATE already holds the only write lock
    }

    @Override
    boolean serializeWritersInProcess() {
      return true;
    }
  };

  /** How long an SQLite connection waits for another writer (in this or another process). */
  public static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

  /** Runs once on every new connection (session settings). */
  abstract void prepare(Connection connection) throws SQLException;

  /** Runs once when a store opens, before migrations (database-wide settings). */
  abstract void initialize(Connection connection) throws SQLException;

  /** Starts a write transaction. */
  abstract void begin(Connection connection) throws SQLException;

  /** Commits the transaction {@link #begin} started. */
  abstract void commit(Connection connection) throws SQLException;

  /** Rolls back the transaction {@link #begin} started (only called after a successful begin). */
  abstract void rollback(Connection connection) throws SQLException;

  /** Appended to the claim's {@code SELECT} so concurrent claimers skip each other's row. */
  abstract String claimLock();

  /** True when writers of one store should queue on a Java lock before touching the database. */
  abstract boolean serializeWritersInProcess();
}

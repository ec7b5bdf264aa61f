package io.vodkit.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What differs between the databases {@link JdbcStore} runs on: how a connection is prepared, how
 * a write transaction starts and ends, how the claim and the sweep lock the rows they pick, how
 * concurrent migrations are kept apart and how other processes hear about new work. Everything
 * else is portable SQL shared by both.
 *
 * <p>To add a database, add a constant that implements these hooks and run {@code
 * MetadataStoreContractTest} against it. Stateless and thread-safe.
 */
public enum Dialect {
  /**
   * SQLite 3.35+ in WAL mode. Writers take the database lock up front ({@code BEGIN IMMEDIATE}),
   * so two processes serialize on the file lock (waiting up to the busy timeout) instead of
   * failing on a lock upgrade; inside one process a Java lock queues writers first. With one
   * writer at a time no row locks are needed, and no other process can be told about new work.
   */
  SQLITE {
    @Override
    public void prepare(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MS);
        st.execute("PRAGMA foreign_keys = ON");
      }
    }

    /**
     * Switches the file to WAL (a persistent mode). The switch needs the exclusive lock, and
     * SQLite refuses it at once with {@code SQLITE_BUSY}, without waiting in the busy handler,
     * when another connection holds a lock the switch would deadlock on (several stores opening
     * one new file together). So this retries, briefly, until the mode sticks or the busy
     * timeout passes.
     */
    @Override
    public void initialize(Connection connection) throws SQLException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SQLITE_BUSY_TIMEOUT_MS);
      for (int attempt = 1; ; attempt++) {
        String mode;
        try (Statement st = connection.createStatement();
            ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
          mode = rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
          if (!isBusy(e) || System.nanoTime() > deadline) {
            throw e;
          }
          mode = "";
        }
        if ("wal".equalsIgnoreCase(mode)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new SQLException(
              "could not switch the SQLite file to WAL within " + SQLITE_BUSY_TIMEOUT_MS
                  + " ms (journal mode is still '" + mode + "')");
        }
        pause(Math.min(100, 5L * attempt));
      }
    }

    @Override
    void begin(Connection connection) throws SQLException {
      execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    void commit(Connection connection) throws SQLException {
      execute(connection, "COMMIT");
    }

    @Override
    void rollback(Connection connection) throws SQLException {
      execute(connection, "ROLLBACK");
    }

    @Override
    void useSchema(Connection connection, String schema) {
      throw new UnsupportedOperationException("SQLite has no schemas");
    }

    @Override
    void lockForMigration(Connection connection, String schema) {
      // BEGIN IMMEDIATE already holds the only write lock
    }

    @Override
    String currentSchema(Connection connection) {
      return "main";
    }

    @Override
    String claimLock() {
      return ""; // BEGIN IMMEDIATE already holds the only write lock
    }

    @Override
    String rowLock() {
      return "";
    }

    @Override
    void announceWork(Connection connection, String schema) {
      // no cross-process channel; JdbcStore signals its own waiters
    }

    @Override
    boolean serializeWritersInProcess() {
      return true;
    }

    @Override
    boolean singleStatementsAutoCommit() {
      return false; // every write takes the write lock up front (BEGIN IMMEDIATE)
    }

    @Override
    boolean skipCommitWait(Connection connection) {
      return false; // durability is the database file's setting, not a transaction's
    }
  },

  /**
   * PostgreSQL 12+ at READ COMMITTED. A write transaction is {@code setAutoCommit(false)} …
   * {@code commit()}; the claim and the expiry sweep lock the rows they pick with {@code FOR
   * UPDATE SKIP LOCKED}, so concurrent claimers in any number of processes never wait on (or get)
   * each other's row; {@code enqueue} locks the video row so concurrent publishes of one video
   * create one job. Migrations hold a transaction-scoped advisory lock, so processes starting
   * together on an empty schema apply each script once. New work is announced with {@code NOTIFY
   * vodkit_jobs} (delivered at commit), with the schema as payload.
   */
  POSTGRESQL {
    @Override
    public void prepare(Connection connection) throws SQLException {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true); // a caller's pool may hand out manual-commit connections
      }
    }

    @Override
    public void initialize(Connection connection) {
      // nothing database-wide to set
    }

    @Override
    void begin(Connection connection) throws SQLException {
      connection.setAutoCommit(false);
    }

    @Override
    void commit(Connection connection) throws SQLException {
      connection.commit();
      connection.setAutoCommit(true);
    }

    @Override
    void rollback(Connection connection) throws SQLException {
      connection.rollback();
      connection.setAutoCommit(true);
    }

    @Override
    void useSchema(Connection connection, String schema) throws SQLException {
      execute(connection, "SET LOCAL search_path TO " + Schemas.quote(schema));
    }

    @Override
    void lockForMigration(Connection connection, String schema) throws SQLException {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "SELECT pg_advisory_xact_lock(hashtext('vodkit.migrations'), hashtext(?))")) {
        ps.setString(1, schema == null ? "" : schema);
        ps.execute();
      }
    }

    @Override
    String currentSchema(Connection connection) throws SQLException {
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT current_schema()")) {
        if (!rs.next() || rs.getString(1) == null) {
          throw new SQLException("the search path names no existing schema");
        }
        return rs.getString(1);
      }
    }

    @Override
    String claimLock() {
      return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    String rowLock() {
      return " FOR UPDATE";
    }

    @Override
    void announceWork(Connection connection, String schema) throws SQLException {
      try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
        ps.setString(1, WORK_CHANNEL);
        ps.setString(2, schema);
        ps.execute();
      }
    }

    @Override
    boolean serializeWritersInProcess() {
      return false;
    }

    @Override
    boolean singleStatementsAutoCommit() {
      return true;
    }

    @Override
    boolean skipCommitWait(Connection connection) throws SQLException {
      execute(connection, "SET LOCAL synchronous_commit TO OFF");
      return true;
    }
  };

  /** How long an SQLite connection waits for another writer (in this or another process). */
  public static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

  /** The PostgreSQL notification channel on which enqueues and requeues announce work. */
  public static final String WORK_CHANNEL = "vodkit_jobs";

  /**
   * Runs on every connection before each use (session settings; SQLite: the busy timeout). Public
   * for a host's own tables next to the store's, which then wait for writers the same way.
   */
  public abstract void prepare(Connection connection) throws SQLException;

  /**
   * Runs once when a store opens, before migrations (database-wide settings; SQLite: WAL mode,
   * retried while other openers hold the lock). Public for the same reason as {@link #prepare}.
   */
  public abstract void initialize(Connection connection) throws SQLException;

  /** Starts a write transaction. */
  abstract void begin(Connection connection) throws SQLException;

  /** Commits the transaction {@link #begin} started. */
  abstract void commit(Connection connection) throws SQLException;

  /** Rolls back the transaction {@link #begin} started (only called after a successful begin). */
  abstract void rollback(Connection connection) throws SQLException;

  /** Points unqualified table names at {@code schema} until the current transaction ends. */
  abstract void useSchema(Connection connection, String schema) throws SQLException;

  /**
   * Called first in the migration transaction: waits until no other process migrates the same
   * schema ({@code null} = the connection's default). Flyway then creates a named schema.
   */
  abstract void lockForMigration(Connection connection, String schema) throws SQLException;

  /** The schema unqualified names resolve to on {@code connection} (SQLite: {@code main}). */
  abstract String currentSchema(Connection connection) throws SQLException;

  /** Appended to the claim's and the sweep's {@code SELECT} so concurrent callers skip rows. */
  abstract String claimLock();

  /** Appended to a {@code SELECT} of one row that the transaction is about to change. */
  abstract String rowLock();

  /**
   * Tells other processes, when the current transaction commits, that jobs were queued in {@code
   * schema} (the effective schema, as {@code current_schema()} names it).
   */
  abstract void announceWork(Connection connection, String schema) throws SQLException;

  /** True when writers of one store should queue on a Java lock before touching the database. */
  abstract boolean serializeWritersInProcess();

  /** True when a write of one statement may run in auto-commit (it is its own transaction). */
  abstract boolean singleStatementsAutoCommit();

  /**
   * Lets the current transaction commit without waiting for its WAL flush, where the database
   * can (PostgreSQL: {@code SET LOCAL synchronous_commit TO OFF}); false, doing nothing, where it
   * cannot. Only for changes whose loss in a database crash is harmless (see {@link
   * Database#writeLease}).
   */
  abstract boolean skipCommitWait(Connection connection) throws SQLException;

  /** The folder under {@code migrations/} holding this database's own versions of scripts. */
  String migrationFolder() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** SQLite's {@code SQLITE_BUSY} (5) or {@code SQLITE_LOCKED} (6), extended codes included. */
  private static boolean isBusy(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == 5 || primary == 6;
  }

  private static void pause(long millis) throws SQLException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the SQLite file lock", e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }
}

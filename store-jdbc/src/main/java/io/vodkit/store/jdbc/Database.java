package io.vodkit.store.jdbc;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Runs units of SQL work on connections from a {@link DataSource}: reads in auto-commit, writes in
 * one transaction each (started the {@link Dialect}'s way, rolled back on any exception), and
 * turns {@link SQLException}s into retryable {@code STORE_FAILED} errors.
 *
 * <p>Connections: up to {@code maxIdle} are kept open between operations (0 = none, for a
 * DataSource that pools itself); more are opened when threads need them and closed when returned.
 * A connection whose rollback failed is closed, never reused. Thread-safe. {@link #close()}
 * closes the kept connections; it never closes the DataSource, which belongs to the caller.
 *
 * <p>Schema: when one is named and must be set per unit of work, every unit (reads too) runs in a
 * transaction that first points the search path at it ({@code SET LOCAL}, undone at commit), so
 * connections go back to a shared pool unchanged.
 *
 * <p>A unique-key violation (SQLSTATE {@code 23505}) is a {@code CONFLICT}: another process
 * inserted the same key first.
 */
final class Database implements AutoCloseable {

  /** One unit of work on a connection; its {@link SQLException}s are wrapped by the runner. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final int maxIdle;
  private final String schema;
  private final boolean setSchema;
  private final BlockingQueue<Connection> idle;
  private final ReentrantLock writers = new ReentrantLock(true);
  private volatile boolean closed;

  Database(DataSource dataSource, Dialect dialect, int maxIdle) {
    this(dataSource, dialect, maxIdle, null, false);
  }

  /**
   * As above, with the tables in {@code schema} (nullable): migrations create it, and when
   * {@code setPerTransaction} is true every unit of work points its search path at it (false: the
   * DataSource's connections already use it).
   */
  Database(
      DataSource dataSource, Dialect dialect, int maxIdle, String schema,
      boolean setPerTransaction) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.maxIdle = maxIdle;
    this.schema = schema == null ? null : Schemas.check(schema);
    this.setSchema = this.schema != null && setPerTransaction;
    this.idle = new LinkedBlockingQueue<>(Math.max(1, maxIdle));
  }

  /**
   * A database on the SQLite file {@code dbFile}, creating its parent directories if needed (the
   * file itself is created by the first connection), keeping up to {@code maxIdle} connections.
   */
  static Database sqlite(Path dbFile, int maxIdle) {
    Path file = dbFile.toAbsolutePath();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw VodkitException.store("cannot create the directory of " + file, e);
    }
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
    return new Database(dataSource, Dialect.SQLITE, maxIdle);
  }

  /** Applies the dialect's database-wide settings ({@link Dialect#initialize}); once per store open. */
  void initialize(String what) {
    read(
        what,
        c -> {
          dialect.initialize(c);
          return null;
        });
  }

  Dialect dialect() {
    return dialect;
  }

  /** The schema the tables live in, or null for the connections' own search path. */
  String schema() {
    return schema;
  }

  /** The DataSource connections come from. */
  DataSource dataSource() {
    return dataSource;
  }

  /** Runs {@code work} outside a write transaction (each statement sees the latest commit). */
  <T> T read(String what, Work<T> work) {
    if (setSchema) {
      return inTransaction(what, work);
    }
    Connection connection = acquire(what);
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw failed(what, e);
    } finally {
      release(connection, true);
    }
  }

  /** Runs {@code work} in one write transaction: all of it commits, or none of it. */
  <T> T write(String what, Work<T> work) {
    return serialized(what, work, setSchema);
  }

  /**
   * Runs {@code work} in one write transaction like {@link #write}, but never points the search
   * path at the schema: for the migration, whose tool sets (and restores) the search path itself.
   */
  <T> T migrate(String what, Work<T> work) {
    return serialized(what, work, false);
  }

  private <T> T serialized(String what, Work<T> work, boolean pointAtSchema) {
    boolean serialize = dialect.serializeWritersInProcess();
    if (serialize) {
      writers.lock();
    }
    try {
      return inTransaction(what, work, false, pointAtSchema);
    } finally {
      if (serialize) {
        writers.unlock();
      }
    }
  }

  /**
   * Runs {@code work}, which must be ONE data-changing statement (atomic on its own), as cheaply
   * as the dialect allows: in auto-commit, saving the {@code BEGIN}/{@code COMMIT} round trip,
   * where that is safe ({@link Dialect#singleStatementsAutoCommit()} and no per-transaction
   * schema); otherwise exactly like {@link #write}.
   */
  <T> T writeOneStatement(String what, Work<T> work) {
    if (!dialect.singleStatementsAutoCommit() || setSchema) {
      return write(what, work);
    }
    return read(what, work);
  }

  /**
   * Runs {@code work}, ONE statement that takes or extends a lease (a claim, a renewal), in a
   * transaction that does not wait for its commit to reach the disk where the dialect allows it
   * ({@link Dialect#skipCommitWait}); otherwise exactly like {@link #writeOneStatement}. Safe
   * because a lease lost in a database crash is harmless: the job is simply queued (or its lease
   * shorter) again, and the worker's next renewal reports the lease lost, so it stops. Outcomes
   * never take this path.
   */
  <T> T writeLease(String what, Work<T> work) {
    if (dialect.serializeWritersInProcess()) {
      return writeOneStatement(what, work);
    }
    return inTransaction(what, work, true);
  }

  private <T> T inTransaction(String what, Work<T> work) {
    return inTransaction(what, work, false);
  }

  private <T> T inTransaction(String what, Work<T> work, boolean noCommitWait) {
    return inTransaction(what, work, noCommitWait, setSchema);
  }

  private <T> T inTransaction(
      String what, Work<T> work, boolean noCommitWait, boolean pointAtSchema) {
    Connection connection = acquire(what);
    boolean reusable = true;
    try {
      dialect.begin(connection);
      try {
        if (noCommitWait) {
          dialect.skipCommitWait(connection);
        }
        if (pointAtSchema) {
          dialect.useSchema(connection, schema);
        }
        T result = work.run(connection);
        dialect.commit(connection);
        return result;
      } catch (Throwable t) {
        reusable = rollback(connection, t);
        throw t;
      }
    } catch (SQLException e) {
      throw failed(what, e);
    } finally {
      release(connection, reusable);
    }
  }

  private boolean rollback(Connection connection, Throwable cause) {
    try {
      dialect.rollback(connection);
      return true;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  private Connection acquire(String what) {
    if (closed) {
      throw new VodkitException(
          ErrorCode.STORE_FAILED, what + " failed: the store is closed", false, null, null);
    }
    Connection pooled = idle.poll();
    if (pooled != null) {
      return pooled;
    }
    Connection fresh = null;
    try {
      fresh = dataSource.getConnection();
      dialect.prepare(fresh);
      return fresh;
    } catch (SQLException e) {
      closeQuietly(fresh);
      throw failed(what, e);
    }
  }

  private void release(Connection connection, boolean reusable) {
    if (reusable && maxIdle > 0 && !closed && idle.offer(connection)) {
      if (closed && idle.remove(connection)) {
        closeQuietly(connection); // close() ran while we were handing it back
      }
      return;
    }
    closeQuietly(connection);
  }

  private static VodkitException failed(String what, SQLException e) {
    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
      return new VodkitException(
          ErrorCode.CONFLICT, what + " failed: " + e.getMessage(), false, null, e);
    }
    return VodkitException.store(what + " failed: " + e.getMessage(), e);
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to do with a connection that will not close
    }
  }

  /** Closes the kept connections; connections in use close when their operation ends. */
  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }
}

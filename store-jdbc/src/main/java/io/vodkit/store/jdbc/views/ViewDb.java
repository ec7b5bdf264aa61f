package io.vodkit.store.jdbc.views;

import io.vodkit.VodkitException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Connections and transactions for the view tables, on SQLite or PostgreSQL: reads in
 * auto-commit, writes in one transaction each (SQLite: {@code BEGIN IMMEDIATE} behind an
 * in-process lock, waiting up to 10 s for other writers of the file; PostgreSQL: {@code
 * setAutoCommit(false)} at READ COMMITTED), rolled back on any exception. SQL errors become
 * retryable {@code STORE_FAILED}.
 *
 * <p>SQLite connections are kept open between operations (up to {@code maxIdle}); PostgreSQL ones
 * go back to the caller's pool after each operation. Thread-safe.
 */
final class ViewDb implements AutoCloseable {
  /** Which database is behind the DataSource. */
  enum Kind {
    SQLITE,
    POSTGRESQL
  }

  /** One unit of work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

  private final DataSource dataSource;
  private final Kind kind;
  private final int maxIdle;
  private final BlockingQueue<Connection> idle;
  private final ReentrantLock writers = new ReentrantLock(true);
  private volatile boolean closed;

  ViewDb(DataSource dataSource, Kind kind, int maxIdle) {
    this.dataSource = dataSource;
    this.kind = kind;
    this.maxIdle = maxIdle;
    this.idle = new LinkedBlockingQueue<>(Math.max(1, maxIdle));
  }

  Kind kind() {
    return kind;
  }

  <T> T read(String what, Work<T> work) {
    Connection c = acquire(what);
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw failed(what, e);
    } finally {
      release(c, true);
    }
  }

  <T> T write(String what, Work<T> work) {
    boolean serialize = kind == Kind.SQLITE;
    if (serialize) {
      writers.lock();
    }
    try {
      return transaction(what, work);
    } finally {
      if (serialize) {
        writers.unlock();
      }
    }
  }

  private <T> T transaction(String what, Work<T> work) {
    Connection c = acquire(what);
    boolean reusable = true;
    try {
      begin(c);
      try {
        T result = work.run(c);
        commit(c);
        return result;
      } catch (Throwable t) {
        reusable = rollback(c, t);
        throw t;
      }
    } catch (SQLException e) {
      throw failed(what, e);
    } finally {
      release(c, reusable);
    }
  }

  private void begin(Connection c) throws SQLException {
    if (kind == Kind.SQLITE) {
      execute(c, "BEGIN IMMEDIATE");
    } else {
      c.setAutoCommit(false);
    }
  }

  private void commit(Connection c) throws SQLException {
    if (kind == Kind.SQLITE) {
      execute(c, "COMMIT");
    } else {
      c.commit();
      c.setAutoCommit(true);
    }
  }

  private boolean rollback(Connection c, Throwable cause) {
    try {
      if (kind == Kind.SQLITE) {
        execute(c, "ROLLBACK");
      } else {
        c.rollback();
        c.setAutoCommit(true);
      }
      return true;
    } catch (SQLException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  private Connection acquire(String what) {
    if (closed) {
      throw VodkitException.store(what + " failed: the view store is closed", null);
    }
    Connection pooled = idle.poll();
    if (pooled != null) {
      return pooled;
    }
    Connection fresh = null;
    try {
      fresh = dataSource.getConnection();
      if (kind == Kind.SQLITE) {
        execute(fresh, "PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MS);
      } else if (!fresh.getAutoCommit()) {
        fresh.setAutoCommit(true);
      }
      return fresh;
    } catch (SQLException e) {
      closeQuietly(fresh);
      throw failed(what, e);
    }
  }

  private void release(Connection c, boolean reusable) {
    if (reusable && maxIdle > 0 && !closed && idle.offer(c)) {
      if (closed && idle.remove(c)) {
        closeQuietly(c);
      }
      return;
    }
    closeQuietly(c);
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static VodkitException failed(String what, SQLException e) {
    return VodkitException.store(what + " failed: " + e.getMessage(), e);
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing left to do with a connection that will not close
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }
}

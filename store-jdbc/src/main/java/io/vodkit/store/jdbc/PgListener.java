package io.vodkit.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@link Dialect#WORK_CHANNEL} on one dedicated connection and turns each
 * notification for its schema into a {@link WorkSignal}. Started on first use: {@link #start()}
 * runs {@code LISTEN} before it returns, then a daemon thread polls pgjdbc's {@code
 * getNotifications} and reconnects (after {@link #RETRY_MILLIS}) when the connection breaks,
 * signalling once after a reconnect because notifications sent meanwhile are lost. A failure never
 * reaches the waiters: they fall back to their timeout. Thread-safe.
 */
final class PgListener implements AutoCloseable {
  /** How long one poll blocks; also the most {@link #close()} waits for the thread. */
  static final int POLL_MILLIS = 250;

  static final long RETRY_MILLIS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(PgListener.class);

  private final DataSource dataSource;
  private final String schema;
  private final WorkSignal signal;
  private Thread thread;
  private volatile boolean closed;
  private volatile boolean failing; // logs one warning per outage, not one per retry
  private Connection connection; // owned by the polling thread once it runs

  PgListener(DataSource dataSource, String schema, WorkSignal signal) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.signal = signal;
  }

  /** Listens from now on (no-op if already started or closed). */
  synchronized void start() {
    if (thread != null || closed) {
      return;
    }
    connection = connectQuietly();
    thread = new Thread(this::poll, "vodkit-pg-listener");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    Connection c = connection;
    while (!closed) {
      if (c == null) {
        sleep(RETRY_MILLIS);
        c = closed ? null : connectQuietly();
        if (c != null) {
          signal.signal(); // anything sent while we were away was lost: let waiters look
        }
        continue;
      }
      try {
        PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notes != null && anyForUs(notes)) {
          signal.signal();
        }
      } catch (SQLException e) {
        if (!closed) {
          log.warn("vodkit: lost the LISTEN connection ({}); reconnecting", e.getMessage());
          failing = true;
        }
        closeQuietly(c);
        c = null;
      }
    }
    closeQuietly(c);
  }

  private boolean anyForUs(PGNotification[] notes) {
    for (PGNotification n : notes) {
      if (schema.equals(n.getParameter())) {
        return true;
      }
    }
    return false;
  }

  private Connection connectQuietly() {
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("LISTEN " + Dialect.WORK_CHANNEL);
      }
      if (failing) {
        log.info("vodkit: listening for new jobs again");
        failing = false;
      }
      return c;
    } catch (SQLException e) {
      if (!failing) {
        log.warn("vodkit: cannot LISTEN for new jobs ({}); idle workers poll until it works",
            e.getMessage());
        failing = true;
      }
      closeQuietly(c);
      return null;
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // the connection is gone either way
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops listening and returns the connection (waits up to about one poll). */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    if (t == null) {
      return;
    }
    t.interrupt(); // ends a reconnect back-off at once
    try {
      t.join(POLL_MILLIS * 8L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

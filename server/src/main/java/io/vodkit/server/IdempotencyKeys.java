package io.vodkit.server;

import io.vodkit.VodkitException;
import io.vodkit.store.jdbc.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * Durable {@code Idempotency-Key}s: per (owner, key), the fingerprint of the first request and,
 * once it finished, its status and body, in a SQLite file of the data directory (so a replay works
 * after a restart). A key is first claimed as <em>pending</em> before the request runs, so two
 * concurrent requests with one key never both run. Keys are kept for {@link #RETENTION}; a pending
 * claim older than {@link #STALE_PENDING} (its process died) may be taken over. Thread-safe (one
 * connection, calls serialized: SQLite has one writer anyway).
 */
final class IdempotencyKeys implements AutoCloseable {
  /** How long a key is remembered. */
  static final Duration RETENTION = Duration.ofHours(24);

  /** After this long a pending claim is considered abandoned. */
  static final Duration STALE_PENDING = Duration.ofMinutes(5);

  /** What {@link #claim} found. */
  sealed interface Claim permits Proceed, Replay {}

  /** The key is new: run the request, then {@link #finish} or {@link #release}. */
  record Proceed() implements Claim {}

  /** The key was used with the same request: answer this again. */
  record Replay(int status, byte[] body) implements Claim {}

  private final Connection db;

  IdempotencyKeys(Path file) {
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
      Dialect.SQLITE.prepare(db);
      Dialect.SQLITE.initialize(db);
      try (Statement st = db.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS idempotency_keys ("
                + " owner_id TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
                + " status INTEGER, body BLOB, created_at INTEGER NOT NULL,"
                + " PRIMARY KEY (owner_id, idem_key))");
      }
    } catch (SQLException e) {
      throw VodkitException.configuration("cannot open the idempotency key table in " + file + ": " + e.getMessage());
    }
  }

  /**
   * Claims {@code key} for a request with {@code fingerprint}. A finished earlier request with the
   * same fingerprint is replayed; another fingerprint is 422; one still running is 409.
   */
  synchronized Claim claim(String owner, String key, String fingerprint, Instant now) {
    try {
      try (PreparedStatement purge = db.prepareStatement("DELETE FROM idempotency_keys WHERE created_at < ?")) {
        purge.setLong(1, now.minus(RETENTION).toEpochMilli());
        purge.executeUpdate();
      }
      try (PreparedStatement stale =
          db.prepareStatement(
              "DELETE FROM idempotency_keys WHERE owner_id = ? AND idem_key = ? AND status IS NULL AND created_at < ?")) {
        stale.setString(1, owner);
        stale.setString(2, key);
        stale.setLong(3, now.minus(STALE_PENDING).toEpochMilli());
        stale.executeUpdate();
      }
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO idempotency_keys (owner_id, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (owner_id, idem_key) DO NOTHING")) {
        insert.setString(1, owner);
        insert.setString(2, key);
        insert.setString(3, fingerprint);
        insert.setLong(4, now.toEpochMilli());
        if (insert.executeUpdate() == 1) {
          return new Proceed();
        }
      }
      try (PreparedStatement find =
          db.prepareStatement(
              "SELECT fingerprint, status, body FROM idempotency_keys WHERE owner_id = ? AND idem_key = ?")) {
        find.setString(1, owner);
        find.setString(2, key);
        try (ResultSet rs = find.executeQuery()) {
          if (!rs.next()) {
            throw new ApiException(409, "conflict", "Idempotency-Key " + key + " changed while claiming it; retry", "Idempotency-Key");
          }
          if (!rs.getString(1).equals(fingerprint)) {
            throw new ApiException(
                422, "idempotency_key_reused",
                "Idempotency-Key " + key + " was already used with a different request (method, path or body);"
                    + " use a new key for a new request",
                "Idempotency-Key");
          }
          int status = rs.getInt(2);
          if (rs.wasNull()) {
            throw new ApiException(
                409, "idempotency_key_in_use",
                "a request with Idempotency-Key " + key + " is still being processed; retry shortly",
                "Idempotency-Key");
          }
          byte[] body = rs.getBytes(3);
          return new Replay(status, body == null ? new byte[0] : body);
        }
      }
    } catch (SQLException e) {
      throw VodkitException.store("idempotency key lookup failed: " + e.getMessage(), e);
    }
  }

  /** Records the answer of the request that claimed {@code key}. */
  synchronized void finish(String owner, String key, int status, byte[] body) {
    try (PreparedStatement st =
        db.prepareStatement("UPDATE idempotency_keys SET status = ?, body = ? WHERE owner_id = ? AND idem_key = ?")) {
      st.setInt(1, status);
      st.setBytes(2, body);
      st.setString(3, owner);
      st.setString(4, key);
      st.executeUpdate();
    } catch (SQLException e) {
      throw VodkitException.store("cannot record the idempotent response: " + e.getMessage(), e);
    }
  }

  /** Forgets a claim whose request failed in a way worth retrying (5xx). */
  synchronized void release(String owner, String key) {
    try (PreparedStatement st = db.prepareStatement("DELETE FROM idempotency_keys WHERE owner_id = ? AND idem_key = ?")) {
      st.setString(1, owner);
      st.setString(2, key);
      st.executeUpdate();
    } catch (SQLException e) {
      throw VodkitException.store("cannot release the idempotency key: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw VodkitException.store("cannot close the idempotency key table: " + e.getMessage(), e);
    }
  }
}

package io.vodkit.store.jdbc;

import io.vodkit.views.ViewBatch;
import io.vodkit.views.ViewStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * View totals in the relational store (SQLite embedded, PostgreSQL for a fleet): the durable end
 * of {@code BufferedViewCounter} flushes and of the Redis roll-up. Tables {@code view_totals},
 * {@code view_hours}, {@code view_uniques}, {@code view_flushes} (migration {@code
 * V2__view_counts.sql}, which this store also applies itself, idempotently, when it opens).
 *
 * <p><b>Idempotent flushes.</b> {@link #apply} inserts the batch's flush id into {@code
 * view_flushes} in the same transaction as the increments; if the id is already there the batch is
 * skipped. A flush retried after a crash, a timeout or a lost commit acknowledgement is therefore
 * never counted twice.
 *
 * <p><b>Unique viewers</b> per video and UTC day are a HyperLogLog sketch ({@code ViewerSketch},
 * base64 in {@code view_uniques.sketch}) merged at each flush under an optimistic version check,
 * plus its estimate in {@code viewers}; estimates made elsewhere (Redis) only ever raise it.
 *
 * <p><b>Housekeeping</b>, at most once an hour during a flush: flush ids older than {@link
 * #FLUSH_ID_RETENTION} and hourly rows older than {@link #HOUR_RETENTION} are deleted, and
 * sketches of days older than that are dropped (their estimates stay).
 *
 * <p>Thread-safe. Connections and transactions are {@code JdbcStore}'s ({@link Dialect}): on SQLite
 * the file (its own or shared with a {@code JdbcStore}) runs in WAL mode and writers wait up to
 * {@link Dialect#SQLITE_BUSY_TIMEOUT_MS} for each other; on PostgreSQL the caller's pooled {@link
 * DataSource} stays the caller's.
 */
public final class JdbcViewStore implements ViewStore {
  /** How long applied flush ids are remembered: far longer than any retry. */
  public static final Duration FLUSH_ID_RETENTION = Duration.ofDays(30);
  /** How long hourly rows (and day sketches) are kept. */
  public static final Duration HOUR_RETENTION = Duration.ofDays(90);

  private static final int SQLITE_IDLE_CONNECTIONS = 4;
  private static final long PRUNE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

  private final Database db;
  private final ViewSql sql;
  private final InstantSource clock;
  private volatile long lastPrune;

  private JdbcViewStore(Database db, String schema, InstantSource clock) {
    this.db = db;
    this.sql = new ViewSql(schema);
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      db.initialize("view store initialization");
      ViewSchema.ensure(db, schema);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    this.lastPrune = clock.millis();
  }

  /** Opens (creating it if needed) the SQLite database at {@code dbFile}; system clock. */
  public static JdbcViewStore sqlite(Path dbFile) {
    return sqlite(dbFile, InstantSource.system());
  }

  /** As {@link #sqlite(Path)}, stamping rows with {@code clock}. */
  public static JdbcViewStore sqlite(Path dbFile, InstantSource clock) {
    return new JdbcViewStore(Database.sqlite(dbFile, SQLITE_IDLE_CONNECTIONS), null, clock);
  }

  /**
   * A store on PostgreSQL through the caller's pooled {@code dataSource}, with the tables in
   * {@code schema} (created if missing; null for the connections' search path).
   */
  public static JdbcViewStore postgres(DataSource dataSource, String schema) {
    return postgres(dataSource, schema, InstantSource.system());
  }

  /** As {@link #postgres(DataSource, String)}, stamping rows with {@code clock}. */
  public static JdbcViewStore postgres(DataSource dataSource, String schema, InstantSource clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcViewStore(
        new Database(dataSource, Dialect.POSTGRESQL, 0), schema == null ? null : Schemas.check(schema), clock);
  }

  @Override
  public boolean apply(ViewBatch batch) {
    Objects.requireNonNull(batch, "batch");
    long now = clock.millis();
    boolean applied =
        db.write("view flush " + batch.flushId(), c -> ViewWrites.apply(c, sql, batch, now));
    if (now - lastPrune >= PRUNE_EVERY_MILLIS) {
      lastPrune = now;
      prune(Instant.ofEpochMilli(now));
    }
    return applied;
  }

  @Override
  public void forget(String videoId) {
    Objects.requireNonNull(videoId, "videoId");
    db.write(
        "forget views of " + videoId,
        c -> {
          for (String statement : sql.forgetVideo) {
            try (PreparedStatement ps = c.prepareStatement(statement)) {
              ps.setString(1, videoId);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public boolean isApplied(String flushId) {
    return db.read("look up view flush " + flushId, c -> exists(c, sql.flushExists, flushId));
  }

  @Override
  public long views(String videoId) {
    return db.read("views of " + videoId, c -> oneLong(c, sql.selectTotal, videoId));
  }

  @Override
  public long viewsSince(String videoId, Instant since) {
    return db.read(
        "recent views of " + videoId,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.sumHoursSince)) {
            ps.setString(1, videoId);
            ps.setLong(2, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  @Override
  public long uniqueViewers(String videoId, LocalDate day) {
    return db.read(
        "unique viewers of " + videoId,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.selectViewers)) {
            ps.setString(1, videoId);
            ps.setString(2, day.toString());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  /**
   * Deletes flush ids older than {@link #FLUSH_ID_RETENTION} and hourly rows older than {@link
   * #HOUR_RETENTION} before {@code now}, and drops the sketches of days that old. Runs by itself
   * once an hour; public for operators who want it now.
   */
  public void prune(Instant now) {
    long flushCut = now.minus(FLUSH_ID_RETENTION).toEpochMilli();
    Instant hourCut = now.minus(HOUR_RETENTION);
    String dayCut = LocalDate.ofInstant(hourCut, ZoneOffset.UTC).toString();
    db.write(
        "prune view history",
        c -> {
          update(c, sql.pruneFlushes, flushCut);
          update(c, sql.pruneHours, hourCut.toEpochMilli());
          try (PreparedStatement ps = c.prepareStatement(sql.dropOldSketches)) {
            ps.setString(1, dayCut);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static void update(Connection c, String statement, long value)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      ps.setLong(1, value);
      ps.executeUpdate();
    }
  }

  private static boolean exists(Connection c, String query, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long oneLong(Connection c, String query, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    }
  }

  /** Closes the connections the store keeps (SQLite); never the caller's DataSource. */
  @Override
  public void close() {
    db.close();
  }
}

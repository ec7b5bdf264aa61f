package io.vodkit.store.jdbc;

import io.vodkit.JobLease;
import io.vodkit.RenditionProgress;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.MetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The {@link MetadataStore} on a relational database: videos, upload sessions and the transcode
 * job queue in three tables, created and upgraded by the versioned scripts in {@code
 * io/vodkit/store/jdbc/migrations/} when the store opens.
 *
 * <p>Every write is one transaction; every job transition is guarded by the lease (job, worker,
 * attempt) and the status it expects, so the queue stays consistent with any number of threads
 * and with several stores (processes) on one database. Database errors surface as retryable
 * {@code STORE_FAILED} {@link VodkitException}s. Instants are stored with millisecond precision.
 *
 * <p>On SQLite ({@link #sqlite(Path)}) the database runs in WAL mode, so reads never wait;
 * writes of one store queue on a Java lock and then take the file's write lock with {@code BEGIN
 * IMMEDIATE}, waiting up to {@link Dialect#SQLITE_BUSY_TIMEOUT_MS} for other processes.
 *
 * <p>Thread-safe. Closing the store closes the connections it keeps; a {@link DataSource} passed
 * in stays open (it belongs to the caller).
 */
public final class JdbcStore implements MetadataStore {
  /** Connections an SQLite store keeps open between operations. */
  private static final int SQLITE_IDLE_CONNECTIONS = 8;

  private final Database db;

  /**
   * Opens a store on a {@link DataSource} the caller owns (and closes); the store takes a
   * connection from it for every operation and returns it at once, so a pooling DataSource is
   * expected. Applies pending migrations before returning.
   */
  public JdbcStore(DataSource dataSource, Dialect dialect) {
    this(new Database(Objects.requireNonNull(dataSource, "dataSource"), dialect, 0));
  }

  private JdbcStore(Database db) {
    this.db = db;
    try {
      db.read(
          "store initialization",
          c -> {
            db.dialect().initialize(c);
            return null;
          });
      Migrations.apply(db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Opens (creating it and its parent directories if needed) the SQLite database at {@code
   * dbFile}. Several stores, in one or several processes, may open the same file.
   */
  public static JdbcStore sqlite(Path dbFile) {
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
    return new JdbcStore(new Database(dataSource, Dialect.SQLITE, SQLITE_IDLE_CONNECTIONS));
  }

  // ---- videos and uploads

  @Override
  public void createVideo(Video video, UploadSession session) {
    db.write(
        "create video " + video.id(),
        c -> {
          Videos.create(c, video, session);
          return null;
        });
  }

  @Override
  public Optional<Video> findVideo(String videoId) {
    return db.read("find video " + videoId, c -> Videos.find(c, videoId));
  }

  @Override
  public Optional<UploadSession> findUploadSession(String videoId) {
    return db.read("find upload of " + videoId, c -> Videos.findSession(c, videoId));
  }

  @Override
  public boolean updateVideo(Video updated, VideoStatus expected) {
    return db.write(
        "update video " + updated.id(), c -> Videos.replaceIfStatus(c, updated, expected));
  }

  @Override
  public boolean deleteVideo(String videoId) {
    return db.write("delete video " + videoId, c -> Videos.delete(c, videoId));
  }

  // ---- the job queue

  @Override
  public TranscodeJob enqueue(TranscodeJob job) {
    return db.write("enqueue job for " + job.videoId(), c -> Jobs.enqueue(c, job));
  }

  @Override
  public Optional<TranscodeJob> findJob(String jobId) {
    return db.read("find job " + jobId, c -> Jobs.find(c, jobId));
  }

  @Override
  public Optional<TranscodeJob> findJobForVideo(String videoId) {
    return db.read("find job of " + videoId, c -> Jobs.findForVideo(c, videoId));
  }

  @Override
  public Optional<TranscodeJob> claim(String workerId, Instant now, Duration lease) {
    Objects.requireNonNull(workerId, "workerId");
    Instant lockedUntil = now.plus(lease);
    return db.write(
        "claim by " + workerId,
        c -> Jobs.claim(c, db.dialect().claimLock(), workerId, now, lockedUntil));
  }

  @Override
  public boolean renew(JobLease lease, Instant lockedUntil, List<RenditionProgress> progress) {
    return db.write(
        "renew lease on " + lease.jobId(), c -> Jobs.renew(c, lease, lockedUntil, progress));
  }

  @Override
  public boolean finish(JobLease lease, JobOutcome outcome, Instant now) {
    return db.write("finish job " + lease.jobId(), c -> Jobs.finish(c, lease, outcome, now));
  }

  @Override
  public boolean release(JobLease lease, String errorCode, String errorMessage, Instant now) {
    return db.write(
        "release job " + lease.jobId(),
        c -> Jobs.release(c, lease, errorCode, errorMessage, now));
  }

  @Override
  public int requeueExpired(Instant now) {
    return db.write(
        "requeue expired leases", c -> Jobs.requeueExpired(c, db.dialect().claimLock(), now));
  }

  /** Closes the connections this store keeps open; never the caller's DataSource. */
  @Override
  public void close() {
    db.close();
  }
}

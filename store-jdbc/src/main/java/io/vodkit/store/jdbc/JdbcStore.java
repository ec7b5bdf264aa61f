package io.vodkit.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vodkit.JobLease;
import io.vodkit.JobStatus;
import io.vodkit.RenditionProgress;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.OutboxEvent;
import io.vodkit.spi.VideoCursor;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.spi.WebhookStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link MetadataStore} on a relational database: videos, upload sessions, the transcode
 * job queue and the outcome outbox in four tables (and, as the {@link WebhookStore}, webhook
 * endpoints and deliveries), created and upgraded by the versioned scripts in {@code
 * io/vodkit/store/jdbc/migrations/} when the store opens.
 *
 * <p>Every write is one transaction; every job transition is guarded by the lease (job, worker,
 * attempt) and the status it expects, so the queue stays consistent with any number of threads
 * and with several stores (processes) on one database. Database errors surface as retryable
 * {@code STORE_FAILED} {@link VodkitException}s (a duplicate key inserted by another process as
 * {@code CONFLICT}). Instants are stored with millisecond precision.
 *
 * <p>On SQLite ({@link #sqlite(Path)}) the database runs in WAL mode, so reads never wait;
 * writes of one store queue on a Java lock and then take the file's write lock with {@code BEGIN
 * IMMEDIATE}, waiting up to {@link Dialect#SQLITE_BUSY_TIMEOUT_MS} for other processes.
 *
 * <p>On PostgreSQL ({@link #postgres(DataSource)}, {@link #postgres(String)}) any number of
 * processes share the queue: a claim is one {@code UPDATE … WHERE job_id = (SELECT … FOR UPDATE
 * SKIP LOCKED)}, so claimers never block on each other; the expiry sweep skips rows another sweep
 * holds; migrations take an advisory lock. An optional schema keeps the tables apart from others
 * in the same database. Enqueues and requeues send {@code NOTIFY vodkit_jobs}, which {@link
 * #awaitWork(Duration)} turns into a prompt wake-up for idle workers in every process.
 *
 * <p>Thread-safe. Closing the store closes what it opened (its kept connections, its LISTEN
 * connection, a pool it built); a {@link DataSource} passed in stays open (it belongs to the
 * caller).
 */
public final class JdbcStore implements MetadataStore, WebhookStore {
  /** Connections an SQLite store keeps open between operations. */
  private static final int SQLITE_IDLE_CONNECTIONS = 8;

  /**
   * Size of the pool {@link #postgres(String)} builds: enough for a process's worker threads, its
   * supervisor and its API calls. The LISTEN connection of {@link #awaitWork} is one of them.
   */
  public static final int DEFAULT_POOL_SIZE = 10;

  private final Database db;
  private final AutoCloseable ownedPool;
  private final WorkSignal workSignal = new WorkSignal();
  private final PgListener listener;
  private final Jobs.Announcer announcer;

  /**
   * Opens a store on a {@link DataSource} the caller owns (and closes); the store takes a
   * connection from it for every operation and returns it at once, so a pooling DataSource is
   * expected. Applies pending migrations before returning.
   */
  public JdbcStore(DataSource dataSource, Dialect dialect) {
    this(new Database(Objects.requireNonNull(dataSource, "dataSource"), dialect, 0), null);
  }

  private JdbcStore(Database db, AutoCloseable ownedPool) {
    this.db = db;
    this.ownedPool = ownedPool;
    try {
      db.initialize("store initialization");
      Migrations.apply(db);
      boolean postgres = db.dialect() == Dialect.POSTGRESQL;
      String schema = postgres ? effectiveSchema(db) : "";
      this.announcer = c -> db.dialect().announceWork(c, schema);
      this.listener = postgres ? new PgListener(db.dataSource(), schema, workSignal) : null;
    } catch (RuntimeException e) {
      db.close();
      closeQuietly(ownedPool, e);
      throw e;
    }
  }

  /**
   * Opens (creating it and its parent directories if needed) the SQLite database at {@code
   * dbFile}. Several stores, in one or several processes, may open the same file.
   */
  public static JdbcStore sqlite(Path dbFile) {
    return new JdbcStore(Database.sqlite(dbFile, SQLITE_IDLE_CONNECTIONS), null);
  }

  /**
   * Opens a store on PostgreSQL through the caller's pooled {@link DataSource} (never closed by
   * the store), in whatever schema its connections' search path names. Applies pending
   * migrations, waiting for any other process migrating at the same moment.
   */
  public static JdbcStore postgres(DataSource dataSource) {
    return new JdbcStore(dataSource, Dialect.POSTGRESQL);
  }

  /**
   * As {@link #postgres(DataSource)}, with the tables in {@code schema} (created if missing;
   * lower-case letters, digits and {@code _}). Each operation sets the search path for its own
   * transaction only ({@code SET LOCAL}), so the caller's connections go back to the pool as they
   * came — at the price of one more round trip per operation; a pool whose connections already
   * use the schema (for example HikariCP's {@code schema} setting) is faster with {@link
   * #postgres(DataSource)}.
   */
  public static JdbcStore postgres(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcStore(new Database(dataSource, Dialect.POSTGRESQL, 0, schema, true), null);
  }

  /**
   * Opens a store on PostgreSQL at {@code jdbcUrl} (for example {@code
   * jdbc:postgresql://db:5432/vodkit?user=vodkit&password=…}) with a HikariCP pool of {@link
   * #DEFAULT_POOL_SIZE} connections that the store owns and closes.
   */
  public static JdbcStore postgres(String jdbcUrl) {
    return postgres(jdbcUrl, null);
  }

  /**
   * As {@link #postgres(String)}, with the tables in {@code schema} (created if missing; null for
   * the search path's default). The pool's connections are opened in the schema, so no
   * operation pays for setting it.
   */
  public static JdbcStore postgres(String jdbcUrl, String schema) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("vodkit-store");
    config.setMaximumPoolSize(DEFAULT_POOL_SIZE);
    config.setMinimumIdle(2); // grows under load, shrinks back when idle
    if (schema != null) {
      config.setSchema(Schemas.check(schema));
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw VodkitException.store(
          "cannot connect to " + redacted(jdbcUrl) + ": " + e.getMessage(), e);
    }
    return new JdbcStore(new Database(pool, Dialect.POSTGRESQL, 0, schema, false), pool);
  }

  /**
   * Waits until this store hears that jobs may be waiting, or {@code max} has passed; returns true
   * when woken early. It hears every enqueue, released attempt and requeue made through this store
   * and, on PostgreSQL, through any store on the same schema in any process ({@code LISTEN
   * vodkit_jobs} on one connection of the store's own, opened on the first call). A wake-up that
   * arrives while nobody waits is kept for the next call, so none is lost between an empty {@code
   * claim} and this call. It may return true with nothing left to claim (another worker was
   * faster): claim, and wait again if empty. If PostgreSQL cannot be reached it simply waits out
   * {@code max}.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  @Override
  public boolean awaitWork(Duration max) throws InterruptedException {
    Objects.requireNonNull(max, "max");
    if (listener != null) {
      listener.start();
    }
    return workSignal.await(max);
  }

  private static String effectiveSchema(Database db) {
    return db.read(
        "read the current schema",
        c -> Sql.one(c, "SELECT current_schema() AS s", row -> row.getString("s"))
            .orElseThrow());
  }

  private static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static void closeQuietly(AutoCloseable resource, RuntimeException failure) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
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
  public List<Video> listVideos(String ownerId, VideoCursor after, int limit) {
    return db.read("list videos of " + ownerId, c -> Videos.page(c, ownerId, after, limit));
  }

  @Override
  public List<UploadSession> expiredUploads(Instant now, int limit) {
    return db.read("expired uploads", c -> Videos.expiredSessions(c, now, limit));
  }

  @Override
  public boolean deleteVideo(String videoId) {
    return db.write("delete video " + videoId, c -> Videos.delete(c, videoId));
  }

  // ---- the job queue

  @Override
  public TranscodeJob enqueue(TranscodeJob job) {
    TranscodeJob result =
        db.write(
            "enqueue job for " + job.videoId(),
            c -> Jobs.enqueue(c, db.dialect().rowLock(), job, announcer));
    workSignal.signal();
    return result;
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
    return db.writeLease(
        "claim by " + workerId,
        c -> Jobs.claim(c, db.dialect().claimLock(), workerId, now, lockedUntil));
  }

  @Override
  public boolean renew(JobLease lease, Instant lockedUntil, List<RenditionProgress> progress) {
    return db.writeLease(
        "renew lease on " + lease.jobId(), c -> Jobs.renew(c, lease, lockedUntil, progress));
  }

  @Override
  public boolean finish(JobLease lease, JobOutcome outcome, Instant now) {
    return db.write("finish job " + lease.jobId(), c -> Jobs.finish(c, lease, outcome, now));
  }

  @Override
  public boolean release(JobLease lease, String errorCode, String errorMessage, Instant now) {
    boolean released =
        db.write(
            "release job " + lease.jobId(),
            c -> Jobs.release(c, lease, errorCode, errorMessage, now, announcer));
    if (released) {
      workSignal.signal();
    }
    return released;
  }

  @Override
  public Map<JobStatus, Long> jobCounts() {
    return db.read("count jobs", Jobs::counts);
  }

  @Override
  public boolean cancel(String jobId, String reason, Instant now) {
    return db.write("cancel job " + jobId, c -> Jobs.cancel(c, jobId, reason, now));
  }

  @Override
  public List<OutboxEvent> outboxEvents(String videoId) {
    return db.read("outbox of " + videoId, c -> Jobs.outboxEvents(c, videoId));
  }

  @Override
  public boolean handBack(JobLease lease, Instant now) {
    boolean handedBack =
        db.write("hand back job " + lease.jobId(), c -> Jobs.handBack(c, lease, announcer));
    if (handedBack) {
      workSignal.signal();
    }
    return handedBack;
  }

  @Override
  public int requeueExpired(Instant now) {
    int touched =
        db.write(
            "requeue expired leases",
            c -> Jobs.requeueExpired(c, db.dialect().claimLock(), now, announcer));
    if (touched > 0) {
      workSignal.signal();
    }
    return touched;
  }

  // ---- webhooks (see WebhookTables)

  @Override
  public void createEndpoint(WebhookEndpoint endpoint) {
    db.write(
        "create webhook endpoint " + endpoint.id(),
        c -> {
          WebhookTables.createEndpoint(c, endpoint);
          return null;
        });
  }

  @Override
  public Optional<WebhookEndpoint> findEndpoint(String endpointId) {
    return db.read(
        "find webhook endpoint " + endpointId, c -> WebhookTables.findEndpoint(c, endpointId));
  }

  @Override
  public List<WebhookEndpoint> endpoints(String ownerId) {
    return db.read("webhook endpoints of " + ownerId, c -> WebhookTables.endpoints(c, ownerId));
  }

  @Override
  public boolean deleteEndpoint(String endpointId) {
    return db.write(
        "delete webhook endpoint " + endpointId, c -> WebhookTables.deleteEndpoint(c, endpointId));
  }

  @Override
  public Optional<WebhookEndpoint> rotateSecret(
      String endpointId, String newSecret, Instant previousValidUntil) {
    Objects.requireNonNull(newSecret, "newSecret");
    Objects.requireNonNull(previousValidUntil, "previousValidUntil");
    return db.write(
        "rotate the secret of " + endpointId,
        c -> WebhookTables.rotateSecret(c, endpointId, newSecret, previousValidUntil));
  }

  /**
   * {@inheritDoc} Each event is its own transaction; on PostgreSQL the event row is taken with
   * {@code FOR UPDATE SKIP LOCKED}, so fan-outs in several processes share the backlog.
   */
  @Override
  public int fanOut(Instant now, int max, Renderer renderer) {
    Objects.requireNonNull(renderer, "renderer");
    int dispatched = 0;
    while (dispatched < max
        && db.write(
            "webhook fan-out",
            c -> WebhookTables.fanOutOne(c, db.dialect().claimLock(), now, renderer))) {
      dispatched++;
    }
    return dispatched;
  }

  @Override
  public List<WebhookDelivery> claimDue(Instant now, Duration lease, int max) {
    Instant lockedUntil = now.plus(lease);
    return db.writeOneStatement(
        "claim webhook deliveries",
        c -> WebhookTables.claimDue(c, db.dialect().claimLock(), now, lockedUntil, max));
  }

  @Override
  public boolean recordAttempt(String deliveryId, int attempt, AttemptResult result) {
    Objects.requireNonNull(result, "result");
    return db.writeOneStatement(
        "record webhook attempt " + attempt + " of " + deliveryId,
        c -> WebhookTables.recordAttempt(c, deliveryId, attempt, result));
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(String deliveryId) {
    return db.read(
        "find webhook delivery " + deliveryId, c -> WebhookTables.findDelivery(c, deliveryId));
  }

  @Override
  public List<WebhookDelivery> deliveries(
      String ownerId, Optional<WebhookDelivery.State> state, int limit) {
    return db.read(
        "webhook deliveries of " + ownerId,
        c -> WebhookTables.deliveries(c, ownerId, state, limit));
  }

  @Override
  public Optional<WebhookDelivery> redeliver(String deliveryId, Instant now) {
    return db.write(
        "redeliver webhook delivery " + deliveryId,
        c -> WebhookTables.redeliver(c, deliveryId, now));
  }

  @Override
  public Map<WebhookDelivery.State, Long> deliveryCounts() {
    return db.read("count webhook deliveries", WebhookTables::deliveryCounts);
  }

  /**
   * Closes what this store opened: its kept connections, its LISTEN connection and a pool it
   * built; never the caller's DataSource.
   */
  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    db.close();
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw VodkitException.store("cannot close the connection pool", e);
      }
    }
  }
}
